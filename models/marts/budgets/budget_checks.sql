{#
    The cross-checks an auditor runs on a 部门预算公开, one row per check, subject and measure, with both
    figures, where each was printed (table and line), what each covers (budget_scopes seed: funds and
    organisation), and the verdict. Two figures of different scope (表1 all funds against 表4 fiscal
    appropriations; the narrative's 机关运行经费 of the administrative units against 表6 of the whole department)
    are 'not comparable', never inconsistent; two figures that differ by no more than half the last printed
    digit are 'within rounding'. A blank cell counts as zero when summing, and is shown as null.
#}
with

lines as (
    select * from {{ ref('budget_lines') }}
),

amounts as (
    select * from {{ ref('int_budget_amounts_measured') }}
    where measure is not null
),

budget_tables as (
    select * from {{ ref('budget_tables') }}
),

expenditures as (
    select * from {{ ref('project_expenditures') }}
),

projects as (
    select * from {{ ref('projects') }}
),

claims as (
    select * from {{ ref('narrative_amounts') }}
),

documents as (
    select * from {{ ref('documents') }}
),

scopes as (
    select * from {{ ref('budget_scopes') }}
),

table_scopes as (
    select
        budget_tables.budget_table_id,
        budget_tables.document_id,
        budget_tables.budget_table_seq,
        budget_tables.table_number,
        budget_tables.title,
        budget_tables.amount_unit,
        -- A table printed without a number (表3 一般公共预算支出情况表 with no 预算公开表N) is named by its title, and
        -- one with neither by its place among the document's budget tables.
        coalesce('表' || budget_tables.table_number, budget_tables.title, 'budget table ' || budget_tables.budget_table_seq)
            as table_short,
        coalesce(nullif(concat_ws(' ', '表' || budget_tables.table_number, budget_tables.title), ''),
            'budget table ' || budget_tables.budget_table_seq) as table_label,
        scopes.funding_scope,
        scopes.organisation_scope
    from budget_tables
    left join scopes
        on scopes.source = 'table' and regexp_matches(budget_tables.title, scopes.pattern)
    qualify row_number() over (partition by budget_tables.budget_table_id order by scopes.pattern) = 1
),

line_amounts as (
    -- One row per amount cell with a measure: the grain every check below keys its figures by.
    select
        lines.document_id,
        lines.budget_table_id,
        table_scopes.budget_table_seq,
        lines.budget_line_id,
        lines.budget_line_id || '-c' || {{ key_part('amounts.column_number', 2) }} as budget_amount_id,
        amounts.column_number,
        table_scopes.table_short,
        table_scopes.table_label,
        lines.classification,
        lines.code,
        lines.functional_code,
        lines.name,
        lines.name_bare,
        lines.unit_name,
        lines.is_total_line,
        lines.side,
        lines.line,
        table_scopes.funding_scope,
        table_scopes.organisation_scope,
        amounts.measure,
        amounts.amount_yuan,
        {{ printed_precision_yuan('amounts.value_printed', 'table_scopes.amount_unit') }} as precision_yuan
    from lines
    inner join amounts
        on lines.budget_line_id = amounts.budget_line_id
    inner join table_scopes
        on lines.budget_table_id = table_scopes.budget_table_id
),

coded_lines as (
    select distinct document_id, budget_table_id, budget_line_id, table_short, table_label, classification, code,
        name, line, funding_scope, organisation_scope
    from line_amounts
    where code is not null and classification in ('functional', 'economic')
),

families as (
    -- Each coded line with the lines one level below it in the same table (210 -> 21011, 21011 -> 2101101).
    select
        parent.budget_line_id as parent_line_id,
        child.budget_line_id as child_line_id,
        child.line as child_line
    from coded_lines as parent
    inner join coded_lines as child
        on parent.budget_table_id = child.budget_table_id
        and starts_with(child.code, parent.code)
        and length(child.code) = length(parent.code) + 2
),

family_sizes as (
    select parent_line_id, count(*) as n_children, min(child_line) as first_child_line
    from families
    group by parent_line_id
),

child_sums as (
    select
        families.parent_line_id,
        child_amounts.column_number,
        min(child_amounts.measure) as measure,
        sum(child_amounts.amount_yuan) as figure_yuan,
        max(child_amounts.precision_yuan) as precision_yuan
    from families
    inner join line_amounts as child_amounts
        on families.child_line_id = child_amounts.budget_line_id
    group by families.parent_line_id, child_amounts.column_number
),

parent_figures as (
    -- Per parent line and amount column: the parent's figure and its children's sum (either may be missing).
    select
        coalesce(parent_amounts.budget_line_id, child_sums.parent_line_id) as parent_line_id,
        coalesce(parent_amounts.column_number, child_sums.column_number) as column_number,
        coalesce(parent_amounts.measure, child_sums.measure) as measure,
        parent_amounts.amount_yuan as figure_a_yuan,
        parent_amounts.precision_yuan as precision_a_yuan,
        child_sums.figure_yuan as figure_b_yuan,
        child_sums.precision_yuan as precision_b_yuan
    from (
        select * from line_amounts where budget_line_id in (select parent_line_id from family_sizes)
    ) as parent_amounts
    full outer join child_sums
        on parent_amounts.budget_line_id = child_sums.parent_line_id
        and parent_amounts.column_number = child_sums.column_number
),

children_vs_parent as (
    -- A 类 equals the sum of its 款, a 款 the sum of its 项 (column by column).
    select
        parent.document_id,
        'children sum to parent' as check_name,
        concat_ws(' ', parent.table_short, parent.code, parent.name) as subject,
        parent_figures.measure,
        parent.table_label || ': ' || concat_ws(' ', parent.code, parent.name) as source_a,
        parent.line as line_a,
        parent.funding_scope as funding_scope_a,
        parent.organisation_scope as organisation_scope_a,
        parent_figures.figure_a_yuan,
        parent_figures.precision_a_yuan,
        parent.table_label || ': sum of ' || family_sizes.n_children || ' lower-level codes' as source_b,
        family_sizes.first_child_line as line_b,
        parent.funding_scope as funding_scope_b,
        parent.organisation_scope as organisation_scope_b,
        parent_figures.figure_b_yuan,
        parent_figures.precision_b_yuan,
        parent.budget_line_id || '-c' || {{ key_part('parent_figures.column_number', 2) }} as key_a,
        'lower-level codes' as key_b
    from parent_figures
    inner join coded_lines as parent
        on parent_figures.parent_line_id = parent.budget_line_id
    inner join family_sizes
        on parent_figures.parent_line_id = family_sizes.parent_line_id
),

total_vs_classes as (
    -- The 合计 line equals the sum of the 类 (three-digit) lines, column by column (of its column group, in a table
    -- printed in groups).
    select
        total.document_id,
        'total equals sum of classes' as check_name,
        total.table_short || ' ' || coalesce(total.name, '合计') as subject,
        total.measure,
        total.table_label || ': ' || coalesce(total.name, '合计') as source_a,
        total.line as line_a,
        total.funding_scope as funding_scope_a,
        total.organisation_scope as organisation_scope_a,
        total.amount_yuan as figure_a_yuan,
        total.precision_yuan as precision_a_yuan,
        any_value(total.table_label) || ': sum of ' || count(*) || ' 类 lines' as source_b,
        min(class.line) as line_b,
        total.funding_scope as funding_scope_b,
        total.organisation_scope as organisation_scope_b,
        sum(class.amount_yuan) as figure_b_yuan,
        max(class.precision_yuan) as precision_b_yuan,
        total.budget_amount_id as key_a,
        '类 lines' as key_b
    from line_amounts as total
    inner join line_amounts as class
        on total.budget_table_id = class.budget_table_id
        and total.column_number = class.column_number
        and total.side is not distinct from class.side
        and length(class.code) = 3
    where total.is_total_line and total.classification in ('functional', 'economic')
    group by all
),

class_figures as (
    -- Every figure given for a functional 类: coded tables (210) and the 支出 side of two-sided tables (卫生健康支出).
    select *
    from line_amounts
    where measure = 'total' and length(functional_code) = 3
),

across_tables as (
    select
        first_table.document_id,
        'same figure across tables' as check_name,
        first_table.functional_code || ' ' || coalesce(first_table.name_bare, '') as subject,
        'total' as measure,
        first_table.table_label || ': ' || coalesce(first_table.name, '') as source_a,
        first_table.line as line_a,
        first_table.funding_scope as funding_scope_a,
        first_table.organisation_scope as organisation_scope_a,
        first_table.amount_yuan as figure_a_yuan,
        first_table.precision_yuan as precision_a_yuan,
        other_table.table_label || ': ' || coalesce(other_table.name, '') as source_b,
        other_table.line as line_b,
        other_table.funding_scope as funding_scope_b,
        other_table.organisation_scope as organisation_scope_b,
        other_table.amount_yuan as figure_b_yuan,
        other_table.precision_yuan as precision_b_yuan,
        first_table.budget_amount_id as key_a,
        other_table.budget_amount_id as key_b
    from class_figures as first_table
    inner join class_figures as other_table
        on first_table.document_id = other_table.document_id
        and first_table.functional_code = other_table.functional_code
        -- in the order the tables are printed (numbered or not)
        and other_table.budget_table_seq > first_table.budget_table_seq
),

performance_scope as (
    select funding_scope, organisation_scope from scopes where source = 'performance_table' limit 1
),

performance_vs_project_table as (
    select
        expenditures.document_id,
        'performance budget equals 项目支出表' as check_name,
        coalesce(expenditures.project_name, '(no name)') || coalesce(' (' || expenditures.unit_name || ')', '') as subject,
        'total' as measure,
        project_lines.table_label || ': ' || coalesce(expenditures.project_name, '(no name)') as source_a,
        expenditures.line as line_a,
        project_lines.funding_scope as funding_scope_a,
        project_lines.organisation_scope as organisation_scope_a,
        expenditures.total_yuan as figure_a_yuan,
        project_lines.precision_yuan as precision_a_yuan,
        coalesce(
            '项目支出绩效目标表 ' || projects.table_seq || ': ' || coalesce(projects.project_name, '(no name)')
                || coalesce(' (' || projects.unit_name || ')', ''),
            'no matching performance table'
        ) as source_b,
        projects.first_line as line_b,
        performance_scope.funding_scope as funding_scope_b,
        performance_scope.organisation_scope as organisation_scope_b,
        expenditures.performance_budget_yuan as figure_b_yuan,
        {{ printed_precision_yuan('projects.budget_printed', 'projects.amount_unit') }} as precision_b_yuan,
        project_lines.budget_amount_id as key_a,
        coalesce(expenditures.project_id, 'no matching performance table') as key_b
    from expenditures
    inner join line_amounts as project_lines
        on expenditures.project_expenditure_id = project_lines.budget_line_id
        and project_lines.measure = 'total'
    left join projects
        on expenditures.project_id = projects.project_id
    cross join performance_scope
),

claim_scopes as (
    -- A claim covers what the table its chapter describes covers, unless its section has a scope of its own.
    select
        claims.*,
        described.table_label as described_table,
        coalesce(by_section.funding_scope, described.funding_scope) as funding_scope,
        coalesce(by_section.organisation_scope, described.organisation_scope) as organisation_scope
    from claims
    left join table_scopes as described
        on claims.document_id = described.document_id
        and regexp_extract(claims.chapter, '^关于(.+)的说明$', 1) in (described.title, regexp_replace(described.title, '^部门', ''))
    left join scopes as by_section
        on by_section.source = 'narrative_section' and regexp_matches(claims.section, by_section.pattern)
    -- one row per claim, whatever number of tables share the title its chapter names
    qualify row_number() over (
        partition by claims.narrative_amount_id order by described.budget_table_seq, by_section.pattern
    ) = 1
),

narrative_vs_tables as (
    -- What the narrative says a class or line amounts to, against every table line of that name.
    select
        claim_scopes.document_id,
        'narrative equals table' as check_name,
        claim_scopes.subject,
        'total' as measure,
        'narrative: ' || concat_ws(' / ', claim_scopes.chapter, nullif(claim_scopes.section, claim_scopes.chapter))
            as source_a,
        claim_scopes.line as line_a,
        claim_scopes.funding_scope as funding_scope_a,
        claim_scopes.organisation_scope as organisation_scope_a,
        claim_scopes.amount_yuan as figure_a_yuan,
        {{ printed_precision_yuan('claim_scopes.amount_printed', 'claim_scopes.amount_unit') }} as precision_a_yuan,
        line_amounts.table_label || ': ' || coalesce(line_amounts.name, '') as source_b,
        line_amounts.line as line_b,
        line_amounts.funding_scope as funding_scope_b,
        line_amounts.organisation_scope as organisation_scope_b,
        line_amounts.amount_yuan as figure_b_yuan,
        line_amounts.precision_yuan as precision_b_yuan,
        claim_scopes.narrative_amount_id as key_a,
        line_amounts.budget_amount_id as key_b
    from claim_scopes
    inner join line_amounts
        on claim_scopes.document_id = line_amounts.document_id
        and claim_scopes.subject_bare = line_amounts.name_bare
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

judged as (
    select
        *,
        coalesce(figure_a_yuan, 0) - coalesce(figure_b_yuan, 0) as difference_yuan,
        greatest(precision_a_yuan, precision_b_yuan) / 2 as tolerance_yuan,
        funding_scope_a is not distinct from funding_scope_b
            and organisation_scope_a is not distinct from organisation_scope_b as is_same_scope
    from unioned
),

final as (
    select
        -- Built from structural parts only: the check and the ids of the two figures' cells (or claim, or
        -- project), each check's grain; never from printed text, which may be missing or repeat.
        md5(concat_ws('|', judged.check_name, judged.key_a, judged.key_b)) as budget_check_id,
        judged.document_id,
        documents.region_code,
        documents.issuer,
        documents.budget_year,
        judged.check_name,
        judged.subject,
        judged.measure,
        judged.source_a,
        judged.line_a,
        concat_ws(', ', judged.funding_scope_a, judged.organisation_scope_a) as scope_a,
        judged.figure_a_yuan,
        judged.source_b,
        judged.line_b,
        concat_ws(', ', judged.funding_scope_b, judged.organisation_scope_b) as scope_b,
        judged.figure_b_yuan,
        judged.difference_yuan,
        judged.tolerance_yuan,
        case
            when not judged.is_same_scope then 'not comparable'
            when judged.figure_b_yuan is null then 'unmatched'
            when judged.difference_yuan = 0 then 'consistent'
            when abs(judged.difference_yuan) <= judged.tolerance_yuan then 'within rounding'
            else 'inconsistent'
        end as status,
        case
            when not judged.is_same_scope then null
            else judged.figure_b_yuan is not null and abs(judged.difference_yuan) <= coalesce(judged.tolerance_yuan, 0)
        end as is_consistent
    from judged
    left join documents
        on judged.document_id = documents.document_id
)

select * from final
