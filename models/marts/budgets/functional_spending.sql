{#
    Budgeted against spent, per issuer and statement level: a department's (部门) own 预算 against its own 决算, a
    unit's (单位) against its own. Never summed across issuers (one department's budget against another's spending
    is no execution ratio) nor across levels (a 部门预算 already includes its units' 单位预算: adding them counts the
    units' money twice).
#}
with

lines as (
    select * from {{ ref('budget_lines') }}
    where classification = 'functional' and code is not null
        and (total_yuan is not null or initial_budget_yuan is not null or adjusted_budget_yuan is not null)
),

tables as (
    select * from {{ ref('budget_tables') }}
),

documents as (
    select
        *,
        -- 单位预算 / 单位决算 in the title, or the issuer named as 预算单位: one budget unit's statement; else the
        -- department's (部门预算, 部门决算), which includes its units.
        case
            when regexp_matches(coalesce(doc_kind_basis, ''), '单位(预算|决算)')
                or starts_with(coalesce(issuer_basis, ''), 'label: 预算单位') then 'unit'
            else 'department'
        end as entity_level
    from {{ ref('documents') }}
),

ranked_tables as (
    -- One table per document and statement: 一般公共预算 tables first (the 预算 表5 and the 决算 公开05表 cover the
    -- same money), then the lowest-numbered; so no figure is counted twice.
    select
        tables.budget_table_id,
        tables.document_id,
        tables.statement,
        tables.table_number,
        tables.title,
        row_number() over (
            partition by tables.document_id, tables.statement
            order by coalesce(tables.title, '') like '%一般公共预算%' desc, tables.table_number, tables.budget_table_id
        ) as table_rank
    from tables
    where tables.budget_table_id in (select budget_table_id from lines)
),

figures as (
    select
        documents.region_code,
        documents.budget_year,
        documents.issuer,
        -- a document whose issuer is unknown is compared with nothing else
        coalesce(documents.issuer, documents.document_id) as issuer_key,
        documents.entity_level,
        lines.code,
        lines.code_level,
        coalesce(lines.seed_name, lines.name) as name,
        ranked_tables.statement,
        lines.document_id,
        '表' || coalesce(ranked_tables.table_number::varchar, '?') || ' ' || coalesce(ranked_tables.title, '')
            as source,
        lines.total_yuan,
        lines.initial_budget_yuan,
        lines.adjusted_budget_yuan
    from lines
    inner join ranked_tables
        on lines.budget_table_id = ranked_tables.budget_table_id
        and ranked_tables.table_rank = 1
    inner join documents
        on lines.document_id = documents.document_id
),

aggregated as (
    select
        region_code,
        budget_year,
        issuer_key,
        issuer,
        entity_level,
        code,
        min(code_level) as code_level,
        min(name) as name,
        sum(total_yuan) filter (where statement = 'budget') as budget_yuan,
        sum(total_yuan) filter (where statement = 'final_accounts') as final_accounts_yuan,
        -- the budget a 决算 table prints beside the spending: as passed (年初预算数) and as adjusted (调整预算数)
        sum(initial_budget_yuan) filter (where statement = 'final_accounts') as final_accounts_initial_budget_yuan,
        sum(adjusted_budget_yuan) filter (where statement = 'final_accounts') as adjusted_budget_yuan,
        count(distinct document_id) filter (where statement = 'budget') as n_budget_documents,
        count(distinct document_id) filter (where statement = 'final_accounts') as n_final_accounts_documents,
        string_agg(distinct source, '; ' order by source) filter (where statement = 'budget') as budget_source,
        string_agg(distinct source, '; ' order by source) filter (where statement = 'final_accounts') as final_accounts_source
    from figures
    group by region_code, budget_year, issuer_key, issuer, entity_level, code
),

final as (
    select
        md5(concat_ws('|', coalesce(region_code, '?'), coalesce(budget_year::varchar, '?'), issuer_key, entity_level,
            code))
            as functional_spending_id,
        region_code,
        budget_year,
        issuer,
        entity_level,
        code,
        code_level,
        name,
        budget_yuan,
        final_accounts_initial_budget_yuan,
        adjusted_budget_yuan,
        final_accounts_yuan,
        final_accounts_yuan - budget_yuan as difference_yuan,
        -- The execution ratio's base: the adjusted budget (调整预算) where the 决算 prints one, else the budget as
        -- passed (年初预算: the 部门预算's figure, or the 年初预算数 the 决算 prints).
        case
            when adjusted_budget_yuan is not null then 'adjusted_budget'
            when coalesce(budget_yuan, final_accounts_initial_budget_yuan) is not null then 'initial_budget'
        end as execution_base,
        coalesce(adjusted_budget_yuan, budget_yuan, final_accounts_initial_budget_yuan) as execution_base_yuan,
        -- try_cast: a ratio too large for the type (a garbled amount) is null, never a failed build
        try_cast(round(final_accounts_yuan
            / nullif(coalesce(adjusted_budget_yuan, budget_yuan, final_accounts_initial_budget_yuan), 0), 4)
            as decimal(38, 4)) as execution_ratio,
        try_cast(round(final_accounts_yuan / nullif(coalesce(budget_yuan, final_accounts_initial_budget_yuan), 0), 4)
            as decimal(38, 4)) as initial_execution_ratio,
        n_budget_documents,
        n_final_accounts_documents,
        budget_source,
        final_accounts_source
    from aggregated
)

select * from final
