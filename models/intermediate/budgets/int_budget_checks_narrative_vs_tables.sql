{#
    Budget check 'narrative equals table': what the narrative says a class or line amounts to, against the table
    line of that name in each table (of that 功能分类 code where the narrative and the table print one; none where a table has
    several lines of the name and no code picks one). Judged in budget_checks.
    A claim's scope is its list's lead-in's (财政拨款支出主要内容如下: fiscal appropriations), else its section's, else
    that of the table its chapter describes (budget_scopes). In a document whose fiscal appropriations are all 一般公共预算
    (its 财政拨款 table's income total is its 一般公共预算 line), a fiscal appropriation of a class is that class's general
    public budget figure, and is compared as such with a general-public-budget table (表5).
    What a claim's kind says it is decides which figure of a table it meets: an amount (the subject's own) a table's
    total; a budget (预算安排, 年初预算为) a 预算 table's total or a 决算 table's initial budget; a final account
    (支出决算为) a 决算 table's total; a change or last year's execution none. A budget or final account whose subject
    names no class (2025年预算安排1672.67万元, 支出决算为1511.89万元) is of the class its section last named
    (context_class), and meets that class's line.
#}
with

line_amounts as (
    select * from {{ ref('int_budget_amounts_scoped') }}
),

table_scopes as (
    select * from {{ ref('int_budget_tables_scoped') }}
),

claims as (
    select
        *,
        -- the class the figure is of: the subject's own, or for a budget or final account whose subject names none,
        -- the class the section last named
        figure_kind in ('budget', 'final_account') and context_class is not null as is_of_context_class,
        if(is_of_context_class, {{ class_bare('context_class') }}, subject_bare) as class_bare,
        if(is_of_context_class, {{ class_functional_code('context_class') }}, subject_functional_code)
            as class_functional_code
    from {{ ref('int_narrative_amounts_counted') }}
    where figure_kind not in ('change', 'execution')  -- never a figure of the tables
),

table_statements as (
    select budget_table_id, statement from {{ ref('int_budget_tables_counted') }}
),

scopes as (
    select * from {{ ref('budget_scopes') }}
),

fiscal_all_general_budget as (
    -- Documents whose 财政拨款 table's income total (收入总计, 本年收入合计) is its 一般公共预算 line: no 政府性基金 or
    -- 国有资本经营 appropriation, so their fiscal appropriations are the general public budget.
    select document_id
    from line_amounts
    where funding_scope = 'fiscal appropriations' and side = 'income' and measure = 'total'
    group by document_id
    having max(amount_yuan) filter (where regexp_matches(name_bare, '^(本年)?收入(总计|合计)$'))
        = max(amount_yuan) filter (where starts_with(name_bare, '一般公共预算'))
),

claim_scopes as (
    -- A claim covers what the table its chapter describes covers, unless its section, or the lead-in of its list,
    -- has a scope of its own.
    select
        claims.*,
        described.table_label as described_table,
        coalesce(by_lead_in.funding_scope, by_section.funding_scope, described.funding_scope) as funding_scope,
        coalesce(by_lead_in.organisation_scope, by_section.organisation_scope, described.organisation_scope)
            as organisation_scope,
        fiscal_all_general_budget.document_id is not null as is_fiscal_all_general_budget
    from claims
    left join table_scopes as described
        on claims.document_id = described.document_id
        and regexp_extract(claims.chapter, '^关于(.+)的说明$', 1) in (described.title, regexp_replace(described.title, '^部门', ''))
    left join scopes as by_section
        on by_section.source = 'narrative_section' and regexp_matches(claims.section, by_section.pattern)
    left join scopes as by_lead_in
        on by_lead_in.source = 'narrative_lead_in' and regexp_matches(claims.lead_in, by_lead_in.pattern)
    left join fiscal_all_general_budget
        on claims.document_id = fiscal_all_general_budget.document_id
    -- one row per claim, whatever number of tables share the title its chapter names
    qualify row_number() over (
        partition by claims.narrative_amount_id
        order by described.budget_table_seq, by_section.pattern, by_lead_in.pattern
    ) = 1
),

narrative_vs_tables as (
    -- What the narrative says a class or line amounts to, against the line of that name (and code) in each table.
    select
        claim_scopes.document_id,
        'narrative equals table' as check_name,
        if(claim_scopes.is_of_context_class, claim_scopes.context_class || ' ', '') || claim_scopes.subject as subject,
        line_amounts.measure,
        'narrative: ' || concat_ws(
            ' / ', claim_scopes.chapter, nullif(claim_scopes.section, claim_scopes.chapter), claim_scopes.lead_in
        ) as source_a,
        claim_scopes.line as line_a,
        -- a fiscal appropriation of a document with no other appropriation than 一般公共预算 is a general public budget figure
        case
            when claim_scopes.funding_scope = 'fiscal appropriations' and claim_scopes.is_fiscal_all_general_budget
                and line_amounts.funding_scope = 'general public budget'
                then 'general public budget'
            else claim_scopes.funding_scope
        end as funding_scope_a,
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
        and claim_scopes.class_bare = line_amounts.name_bare
        and (claim_scopes.class_functional_code is null or line_amounts.functional_code is null
            or claim_scopes.class_functional_code = line_amounts.functional_code)
    inner join table_statements
        on line_amounts.budget_table_id = table_statements.budget_table_id
        and case claim_scopes.figure_kind
            when 'budget' then (table_statements.statement = 'budget' and line_amounts.measure = 'total')
                or (table_statements.statement = 'final_accounts' and line_amounts.measure = 'initial_budget')
            when 'final_account' then table_statements.statement = 'final_accounts' and line_amounts.measure = 'total'
            else line_amounts.measure = 'total'
        end
    -- A name several lines of one table carry (行政运行 under each 款) says not which: no check against that table,
    -- unless the claim's printed code picked one line.
    qualify count(*) over (partition by claim_scopes.narrative_amount_id, line_amounts.budget_table_id) = 1
)

select * from narrative_vs_tables
