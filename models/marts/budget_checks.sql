{#
    The cross-checks an auditor runs on a 部门预算公开, one row per check, subject and measure, with both
    figures and the difference. Disagreements are reported, never hidden; a blank cell counts as zero when
    summing, and is shown as null.
#}
with

lines as (
    select * from {{ ref('budget_lines') }}
),

amounts as (
    select * from {{ ref('int_budget_amounts_measured') }}
    where measure is not null
),

projects as (
    select * from {{ ref('project_expenditures') }}
),

claims as (
    select * from {{ ref('narrative_amounts') }}
),

line_amounts as (
    select
        lines.document_id,
        lines.budget_table_id,
        lines.table_number,
        lines.classification,
        lines.code,
        lines.functional_code,
        lines.name,
        lines.name_bare,
        lines.is_total_line,
        lines.side,
        amounts.measure,
        amounts.amount_yuan
    from lines
    inner join amounts
        on lines.budget_line_id = amounts.budget_line_id
),

coded_lines as (
    select distinct document_id, budget_table_id, table_number, classification, code, name
    from lines
    where code is not null and classification in ('functional', 'economic')
),

children_vs_parent as (
    -- A 类 equals the sum of its 款, a 款 the sum of its 项 (per measure).
    select
        parent.document_id,
        'children sum to parent' as check_name,
        '表' || parent.table_number || ' ' || parent.code || ' ' || parent.name as subject,
        measures.measure,
        '表' || parent.table_number || ' ' || parent.code as source_a,
        parent_amount.amount_yuan as figure_a_yuan,
        'sum of ' || count(child.code) || ' lower-level codes' as source_b,
        sum(child_amount.amount_yuan) as figure_b_yuan
    from coded_lines as parent
    inner join coded_lines as child
        on parent.budget_table_id = child.budget_table_id
        and starts_with(child.code, parent.code)
        and length(child.code) = length(parent.code) + 2
    cross join (select distinct measure from amounts) as measures
    left join line_amounts as parent_amount
        on parent_amount.budget_table_id = parent.budget_table_id
        and parent_amount.code = parent.code
        and parent_amount.measure = measures.measure
    left join line_amounts as child_amount
        on child_amount.budget_table_id = child.budget_table_id
        and child_amount.code = child.code
        and child_amount.measure = measures.measure
    group by all
    having parent_amount.amount_yuan is not null or sum(child_amount.amount_yuan) is not null
),

total_vs_classes as (
    -- The 合计 line equals the sum of the 类 (three-digit) lines (of its column group, in a table printed in groups).
    select
        total.document_id,
        'total equals sum of classes' as check_name,
        '表' || total.table_number || ' ' || coalesce(total.name, '合计') as subject,
        total.measure,
        '表' || total.table_number || ' ' || coalesce(total.name, '合计') as source_a,
        total.amount_yuan as figure_a_yuan,
        'sum of 类 lines' as source_b,
        sum(class.amount_yuan) as figure_b_yuan
    from line_amounts as total
    inner join line_amounts as class
        on total.budget_table_id = class.budget_table_id
        and total.measure = class.measure
        and total.side is not distinct from class.side
        and length(class.code) = 3
    where total.is_total_line and total.classification in ('functional', 'economic')
    group by all
),

class_figures as (
    -- Every figure given for a functional 类: coded tables (210) and the 支出 side of two-sided tables (卫生健康支出).
    select document_id, table_number, functional_code, name_bare, amount_yuan
    from line_amounts
    where measure = 'total' and length(functional_code) = 3
),

across_tables as (
    select
        first_table.document_id,
        'same figure across tables' as check_name,
        first_table.functional_code || ' ' || first_table.name_bare as subject,
        'total' as measure,
        '表' || first_table.table_number as source_a,
        first_table.amount_yuan as figure_a_yuan,
        '表' || other_table.table_number as source_b,
        other_table.amount_yuan as figure_b_yuan
    from class_figures as first_table
    inner join class_figures as other_table
        on first_table.document_id = other_table.document_id
        and first_table.functional_code = other_table.functional_code
        and other_table.table_number > first_table.table_number
    where first_table.table_number = (
        select min(table_number) from class_figures as earliest
        where earliest.document_id = first_table.document_id
            and earliest.functional_code = first_table.functional_code
    )
),

performance_vs_project_table as (
    select
        document_id,
        'performance budget equals 项目支出表' as check_name,
        project_name || coalesce(' (' || unit_name || ')', '') as subject,
        'total' as measure,
        '项目支出表' as source_a,
        total_yuan as figure_a_yuan,
        coalesce('performance table ' || project_id, 'no matching performance table') as source_b,
        performance_budget_yuan as figure_b_yuan
    from projects
),

narrative_vs_tables as (
    -- What the narrative says a class or line amounts to, against every table line of that name.
    select
        claims.document_id,
        'narrative equals table' as check_name,
        claims.subject,
        'total' as measure,
        'narrative line ' || claims.line as source_a,
        claims.amount_yuan as figure_a_yuan,
        '表' || line_amounts.table_number || ' ' || line_amounts.name as source_b,
        line_amounts.amount_yuan as figure_b_yuan
    from claims
    inner join line_amounts
        on claims.document_id = line_amounts.document_id
        and claims.subject_bare = line_amounts.name_bare
        and line_amounts.measure = 'total'
),

unioned as (
    select * from children_vs_parent
    union all
    select * from total_vs_classes
    union all
    select * from across_tables
    union all
    select * from performance_vs_project_table
    union all
    select * from narrative_vs_tables
),

final as (
    select
        md5(document_id || check_name || subject || measure || source_a || source_b) as budget_check_id,
        document_id,
        check_name,
        subject,
        measure,
        source_a,
        figure_a_yuan,
        source_b,
        figure_b_yuan,
        coalesce(figure_a_yuan, 0) - coalesce(figure_b_yuan, 0) as difference_yuan,
        figure_b_yuan is not null and coalesce(figure_a_yuan, 0) = coalesce(figure_b_yuan, 0) as is_consistent
    from unioned
)

select * from final
