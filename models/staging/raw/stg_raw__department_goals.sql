with

source as (
    select * from {{ source('raw', 'department_goals') }}
),

renamed as (
    select
        document_id || '-g' || lpad(goal_seq::varchar, 2, '0') as department_goal_id,
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
