with

source as (
    select * from {{ source('raw', 'department_goals') }}
),

renamed as (
    select
        document_id || '-g' || {{ key_part('goal_seq', 2) }} as department_goal_id,
        document_id,
        goal_seq,
        {{ clean_text('title') }} as title,
        {{ clean_text('goal') }} as goal,
        {{ clean_text('indicators') }} as indicator_text,
        line,
        page
    from source
)

select * from renamed
