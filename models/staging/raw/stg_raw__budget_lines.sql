with

source as (
    select * from {{ source('raw', 'budget_lines') }}
),

renamed as (
    select
        document_id || '-b' || {{ key_part('budget_table_seq', 2) }}
            || '-' || {{ key_part('line_seq', 3) }} as budget_line_id,
        document_id || '-b' || {{ key_part('budget_table_seq', 2) }} as budget_table_id,
        document_id,
        budget_table_seq,
        line_seq,
        side,
        nullif(trim(code), '') as code,
        {{ clean_text('name') }} as name,
        {{ clean_text('unit_name') }} as unit_name,
        {{ clean_text('project_type') }} as project_type,
        line,
        page
    from source
),

named as (
    -- Numbering printed before a name ("七、", "(七)", "(1)") and a level suffix ("（类）") are not part of it.
    select
        *,
        nullif(regexp_replace(regexp_replace(name,
            '^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）])\s*', ''),
            '[（(](?:类|款|项)[)）]$', ''), '') as name_bare,
        regexp_matches(coalesce(name, ''), '(合计|总计)$') as is_total_line
    from renamed
)

select * from named
