{#
    Each budget amount cell with the measure its column means (budget_measures seed, matched on the header
    path with the year, whitespace and bracketed notes removed; a path the seed lacks falls back to its last part
    where the seed's paths of one or two parts ending in it agree) and its value in yuan. In a 决算 table a column
    under 预算数 is the budget printed beside the spending: total becomes initial_budget, any other measure
    <measure>_initial_budget (the 三公 table's 预算数/公务接待费: official_reception_initial_budget).

    A measure is claimed by one column of a table (and side): where several columns' headers mean the same
    (`2025年预算数 | 2026年预算数`, or 本年收入/预算数 and 本年支出/预算数 in a table read as one-sided), the column
    of the document's budget year wins, then one printing no year, then the latest year, then the leftmost;
    the others keep no measure, never summed into one figure, and say why (unmeasured_reason). A column
    whose header no measure claims is reported too (data_quality 'budget column without measure').
#}
{{ config(**by_document_config('int_document_revisions')) }}

with

amounts as (
    select * from {{ ref('stg_raw__budget_amounts') }}
    where {{ is_document_stale('document_id', ref('int_document_revisions')) }}
),

revisions as (
    select * from {{ ref('int_document_revisions') }}
),

lines as (
    select budget_line_id, side from {{ ref('stg_raw__budget_lines') }}
),

tables as (
    select * from {{ ref('int_budget_tables_counted') }}
),

documents as (
    select document_id, budget_year from {{ ref('int_documents_regioned') }}
),

measures as (
    -- Headers compared without whitespace and bracketed notes: 使用非财政拨款结余（含专用结余） is 使用非财政拨款结余.
    select
        *,
        {{ header_key('header_path') }} as header_key
    from {{ ref('budget_measures') }}
),

unambiguous_leaves as (
    -- Of the paths of one or two parts only: a longer path is one template's layout, and its last part may say
    -- little alone (财政拨款“三公”经费/因公出国(境)费/预算数).
    select
        split_part(header_key, '/', -1) as leaf,
        min(measure) as measure
    from measures
    where len(string_split(header_key, '/')) <= 2
    group by 1
    having count(distinct measure) = 1
),

matched as (
    select
        amounts.*,
        lines.side,
        documents.budget_year,
        try_cast(nullif(regexp_extract(amounts.column_header, '(\d{4})年', 1), '') as integer) as header_year,
        coalesce(exact.measure, by_leaf.measure) as seed_measure,
        case
            -- a 决算 table's 预算数 column: the budget beside the spending
            when tables.statement = 'final_accounts'
                and list_contains(string_split({{ header_key('amounts.header_path') }}, '/'), '预算数')
                then if(seed_measure = 'total', 'initial_budget', seed_measure || '_initial_budget')
            else seed_measure
        end as header_measure,
        exact.measure is null and by_leaf.measure is not null as is_measure_from_leaf,
        {{ to_yuan('amounts.amount', 'tables.amount_unit') }} as amount_yuan,
        revisions.document_revision
    from amounts
    inner join revisions
        on amounts.document_id = revisions.document_id
    inner join tables
        on amounts.document_id = tables.document_id
        and amounts.budget_table_seq = tables.budget_table_seq
    left join lines
        on amounts.budget_line_id = lines.budget_line_id
    left join documents
        on amounts.document_id = documents.document_id
    left join measures as exact
        on {{ header_key('amounts.header_path') }} = exact.header_key
    left join unambiguous_leaves as by_leaf
        on split_part({{ header_key('amounts.header_path') }}, '/', -1) = by_leaf.leaf
),

columns_meaning as (
    -- One row per column of a table (and side) whose header means a measure.
    select distinct document_id, budget_table_seq, side, column_number, column_header, header_year, budget_year,
        header_measure
    from matched
    where header_measure is not null
),

claims as (
    select
        *,
        first_value(column_number) over same_measure as claiming_column,
        first_value(column_header) over same_measure as claiming_header
    from columns_meaning
    window same_measure as (
        partition by document_id, budget_table_seq, side, header_measure
        order by
            case when header_year = budget_year then 0 when header_year is null then 1 else 2 end,
            header_year desc nulls last,
            column_number
        rows between unbounded preceding and unbounded following
    )
),

measured as (
    select
        matched.* exclude (side, budget_year, seed_measure),
        case when claims.claiming_column = matched.column_number then matched.header_measure end as measure,
        case
            when matched.header_measure is null then 'header not in the budget_measures seed'
            when claims.claiming_column <> matched.column_number then
                'column ' || claims.claiming_column || ' "' || coalesce(claims.claiming_header, '') || '" has measure '
                || matched.header_measure
                || case
                    when matched.header_year is distinct from matched.budget_year and matched.header_year is not null
                        then ' (this column is of ' || matched.header_year
                            || coalesce(', not the budget year ' || matched.budget_year, '') || ')'
                    else ''
                end
        end as unmeasured_reason
    from matched
    left join claims
        on matched.document_id = claims.document_id
        and matched.budget_table_seq = claims.budget_table_seq
        and matched.side is not distinct from claims.side
        and matched.column_number = claims.column_number
        and matched.header_measure = claims.header_measure
)

select * from measured
