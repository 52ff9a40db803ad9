{#
    Each line of a self-evaluation's budget block (年度资金总额, 其中：当年财政拨款, 上年结转资金, 其他资金) in yuan,
    through the unit its table prints (单位：万元 or 元), with the execution rate recomputed from the amounts beside
    the printed one.
#}
{{ config(**by_document_config('int_document_revisions')) }}

with

execution as (
    select * from {{ ref('stg_raw__budget_execution') }}
    where {{ is_document_stale('document_id', ref('int_document_revisions')) }}
),

revisions as (
    select * from {{ ref('int_document_revisions') }}
),

projects as (
    -- the counted tables only: a budget block is counted with its table
    select project_id, amount_unit from {{ ref('int_project_tables_counted') }}
),

converted as (
    select
        execution.*,
        projects.amount_unit,
        {{ to_yuan('execution.initial_amount', 'projects.amount_unit') }} as initial_yuan,
        {{ to_yuan('execution.full_year_amount', 'projects.amount_unit') }} as full_year_yuan,
        {{ to_yuan('execution.executed_amount', 'projects.amount_unit') }} as executed_yuan,
        {{ to_yuan('execution.forecast_amount', 'projects.amount_unit') }} as forecast_yuan,
        revisions.document_revision
    from execution
    inner join revisions
        on execution.document_id = revisions.document_id
    inner join projects
        on execution.project_id = projects.project_id
),

rated as (
    select
        *,
        -- a cast that cannot fail: an extreme rate (a tiny 全年预算数) beyond DECIMAL(38, 4) is null, never an error
        try_cast(round(100 * executed_amount / nullif(full_year_amount, 0), 4) as decimal(38, 4)) as rate_computed_percent,
        -- The printed rate agrees when it equals the computed one at the precision it is printed with.
        0.5 / power(10, coalesce(length(nullif(regexp_extract(rate_printed, '\.(\d+)', 1), '')), 0)) + 0.0001
            as rate_tolerance
    from converted
)

select * from rated
