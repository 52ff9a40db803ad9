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
        budget_tables.table_number,
        budget_tables.title,
        budget_tables.amount_unit,
        scopes.funding_scope,
        scopes.organisation_scope
    from budget_tables
    left join scopes
        on scopes.source = 'table' and regexp_matches(budget_tables.title, scopes.pattern)
    qualify row_number() over (partition by budget_tables.budget_table_id order by scopes.pattern) = 1
),

line_amounts as (
    select
        lines.document_id,
        lines.budget_table_id,
        lines.budget_line_id,
        lines.table_number,
        '表' || lines.table_number || ' ' || table_scopes.title as table_label,
        lines.classification,
        lines.code,
        lines.functional_code,
        lines.name,
        lines.name_bare,
        lines.unit_name,
        lines.is_total_line,
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
    select distinct document_id, budget_table_id, table_number, table_label, classification, code, name, line,
        funding_scope, organisation_scope
    from line_amounts
    where code is not null and classification in ('functional', 'economic')
),

children_vs_parent as (
    -- A 类 equals the sum of its 款, a 款 the sum of its 项 (per measure).
    select
        parent.document_id,
        'children sum to parent' as check_name,
        '表' || parent.table_number || ' ' || parent.code || ' ' || parent.name as subject,
        measures.measure,
        parent.table_label || ': ' || parent.code || ' ' || parent.name as source_a,
        parent.line as line_a,
        parent.funding_scope as funding_scope_a,
        parent.organisation_scope as organisation_scope_a,
        parent_amount.amount_yuan as figure_a_yuan,
        max(parent_amount.precision_yuan) as precision_a_yuan,
        any_value(parent.table_label) || ': sum of ' || count(child.code) || ' lower-level codes' as source_b,
        min(child.line) as line_b,
        parent.funding_scope as funding_scope_b,
        parent.organisation_scope as organisation_scope_b,
        sum(child_amount.amount_yuan) as figure_b_yuan,
        max(child_amount.precision_yuan) as precision_b_yuan
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
    -- The 合计 line equals the sum of the 类 (three-digit) lines.
    select
        total.document_id,
        'total equals sum of classes' as check_name,
        '表' || total.table_number || ' 合计' as subject,
        total.measure,
        total.table_label || ': 合计' as source_a,
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
        max(class.precision_yuan) as precision_b_yuan
    from line_amounts as total
    inner join line_amounts as class
        on total.budget_table_id = class.budget_table_id
        and total.measure = class.measure
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
        first_table.functional_code || ' ' || first_table.name_bare as subject,
        'total' as measure,
        first_table.table_label || ': ' || first_table.name as source_a,
        first_table.line as line_a,
        first_table.funding_scope as funding_scope_a,
        first_table.organisation_scope as organisation_scope_a,
        first_table.amount_yuan as figure_a_yuan,
        first_table.precision_yuan as precision_a_yuan,
        other_table.table_label || ': ' || other_table.name as source_b,
        other_table.line as line_b,
        other_table.funding_scope as funding_scope_b,
        other_table.organisation_scope as organisation_scope_b,
        other_table.amount_yuan as figure_b_yuan,
        other_table.precision_yuan as precision_b_yuan
    from class_figures as first_table
    inner join class_figures as other_table
        on first_table.document_id = other_table.document_id
        and first_table.functional_code = other_table.functional_code
        and other_table.table_number > first_table.table_number
),

performance_scope as (
    select funding_scope, organisation_scope from scopes where source = 'performance_table' limit 1
),

performance_vs_project_table as (
    select
        expenditures.document_id,
        'performance budget equals 项目支出表' as check_name,
        expenditures.project_name || coalesce(' (' || expenditures.unit_name || ')', '') as subject,
        'total' as measure,
        project_lines.table_label || ': ' || expenditures.project_name as source_a,
        expenditures.line as line_a,
        project_lines.funding_scope as funding_scope_a,
        project_lines.organisation_scope as organisation_scope_a,
        expenditures.total_yuan as figure_a_yuan,
        project_lines.precision_yuan as precision_a_yuan,
        coalesce(
            '项目支出绩效目标表 ' || projects.table_seq || ': ' || projects.project_name
                || coalesce(' (' || projects.unit_name || ')', ''),
            'no matching performance table'
        ) as source_b,
        projects.first_line as line_b,
        performance_scope.funding_scope as funding_scope_b,
        performance_scope.organisation_scope as organisation_scope_b,
        expenditures.performance_budget_yuan as figure_b_yuan,
        {{ printed_precision_yuan('projects.budget_printed', 'projects.amount_unit') }} as precision_b_yuan
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
        '表' || described.table_number || ' ' || described.title as described_table,
        coalesce(by_section.funding_scope, described.funding_scope) as funding_scope,
        coalesce(by_section.organisation_scope, described.organisation_scope) as organisation_scope
    from claims
    left join table_scopes as described
        on claims.document_id = described.document_id
        and regexp_extract(claims.chapter, '^关于(.+)的说明$', 1) in (described.title, regexp_replace(described.title, '^部门', ''))
    left join scopes as by_section
        on by_section.source = 'narrative_section' and regexp_matches(claims.section, by_section.pattern)
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
        line_amounts.table_label || ': ' || line_amounts.name as source_b,
        line_amounts.line as line_b,
        line_amounts.funding_scope as funding_scope_b,
        line_amounts.organisation_scope as organisation_scope_b,
        line_amounts.amount_yuan as figure_b_yuan,
        line_amounts.precision_yuan as precision_b_yuan
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
        md5(judged.document_id || judged.check_name || judged.subject || judged.measure || judged.source_a
            || coalesce(judged.line_a::varchar, '') || judged.source_b || coalesce(judged.line_b::varchar, ''))
            as budget_check_id,
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
