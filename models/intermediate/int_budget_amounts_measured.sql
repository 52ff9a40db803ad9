{#
    Each budget amount cell with the measure its column means (budget_measures seed, matched on the header
    path with the year removed; a path the seed lacks falls back to its last part where that is unambiguous)
    and its value in yuan.
#}
with

amounts as (
    select * from {{ ref('stg_raw__budget_amounts') }}
),

tables as (
    select * from {{ ref('stg_raw__budget_tables') }}
    where document_id in (select document_id from {{ ref('int_documents_deduplicated') }} where is_kept)
),

measures as (
    select * from {{ ref('budget_measures') }}
),

unambiguous_leaves as (
    select
        split_part(header_path, '/', -1) as leaf,
        min(measure) as measure
    from measures
    group by 1
    having count(distinct measure) = 1
),

measured as (
    select
        amounts.*,
        coalesce(exact.measure, by_leaf.measure) as measure,
        exact.measure is null and by_leaf.measure is not null as is_measure_from_leaf,
        {{ to_yuan('amounts.amount', 'tables.amount_unit') }} as amount_yuan
    from amounts
    inner join tables
        on amounts.document_id = tables.document_id
        and amounts.budget_table_seq = tables.budget_table_seq
    left join measures as exact
        on amounts.header_path = exact.header_path
    left join unambiguous_leaves as by_leaf
        on split_part(amounts.header_path, '/', -1) = by_leaf.leaf
)

select * from measured
