{#
    Budget check 'narrative equals table': what the narrative says a class or line amounts to, against the table
    line of that name in each table (of that 功能分类 code where the narrative and the table print one; none where a table has
    several lines of the name and no code picks one). Judged in budget_checks.
#}
with

line_amounts as (
    select * from {{ ref('int_budget_amounts_scoped') }}
),

table_scopes as (
    select * from {{ ref('int_budget_tables_scoped') }}
),

claims as (
    select * from {{ ref('int_narrative_amounts_counted') }}
),

scopes as (
    select * from {{ ref('budget_scopes') }}
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
    -- What the narrative says a class or line amounts to, against the line of that name (and code) in each table.
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
        and (claim_scopes.subject_functional_code is null or line_amounts.functional_code is null
            or claim_scopes.subject_functional_code = line_amounts.functional_code)
    -- A name several lines of one table carry (行政运行 under each 款) says not which: no check against that table,
    -- unless the claim's printed code picked one line.
    qualify count(*) over (partition by claim_scopes.narrative_amount_id, line_amounts.budget_table_id) = 1
)

select * from narrative_vs_tables
