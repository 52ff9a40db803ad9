with

source as (
    select * from {{ source('raw', 'department_tasks') }}
),

projects as (
    select * from {{ ref('stg_raw__project_tables') }}
),

renamed as (
    select
        source.document_id || '-p' || {{ key_part('source.table_seq', 3) }} as project_id,
        source.document_id,
        source.table_seq,
        source.task_seq,
        {{ clean_text('source.task_name') }} as task_name,
        {{ clean_text('source.content') }} as content,
        source.amount_total as amount_total_printed,
        source.is_total,
        source.line,
        source.page,
        projects.amount_unit,
        {{ amount_in_yuan('source.amount_total', 'projects.amount_unit') }} as amount_yuan,
        {{ amount_in_yuan('source.amount_fiscal', 'projects.amount_unit') }} as fiscal_yuan,
        {{ amount_in_yuan('source.amount_other', 'projects.amount_unit') }} as other_yuan
    from source
    left join projects
        on source.document_id = projects.document_id
        and source.table_seq = projects.table_seq
),

final as (
    select
        project_id || '-k' || task_seq::varchar as department_task_id,
        *
    from renamed
)

select * from final
