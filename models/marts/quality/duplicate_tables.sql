{#
    Tables printed in more than one document, side by side: each copy the marts do not count beside the copy they
    count (the same table), and each pair of counted tables of the same kind, issuer, year and name whose figures
    or indicators differ (a near-duplicate: both stay counted, never dropped, and data_quality reports it).
#}
with

described as (
    select * from {{ ref('int_tables_described') }}
),

same_tables as (
    select
        'same table' as relation,
        copy.table_id,
        counted.table_id as other_table_id
    from described as copy
    inner join described as counted
        on copy.counted_table_id = counted.table_id
    where not copy.is_counted
),

near_duplicates as (
    -- Both counted: same type, kind, issuer, year and name in two documents, saying different things.
    select
        'same name, different figures' as relation,
        later.table_id,
        earlier.table_id as other_table_id
    from described as later
    inner join described as earlier
        on later.name_key = earlier.name_key
        and later.document_id <> earlier.document_id
        and later.content_fingerprint <> earlier.content_fingerprint
        and later.document_rank > earlier.document_rank
    where later.is_counted and earlier.is_counted
        and later.table_type in ('project_table', 'budget_table')
),

unioned as (
    select * from same_tables
    union all
    select * from near_duplicates
),

final as (
    select
        md5(unioned.table_id || '|' || unioned.other_table_id) as duplicate_table_id,
        unioned.relation,
        this.table_type,
        this.table_kind,
        this.table_name,
        unioned.table_id,
        this.document_id,
        this.file_name,
        this.is_counted,
        this.budget_yuan,
        this.figures,
        unioned.other_table_id,
        other.document_id as other_document_id,
        other.file_name as other_file_name,
        other.table_name as other_table_name,
        other.budget_yuan as other_budget_yuan,
        other.figures as other_figures
    from unioned
    inner join described as this
        on unioned.table_id = this.table_id
    inner join described as other
        on unioned.other_table_id = other.table_id
)

select * from final
