with

source as (
    select * from {{ source('raw', 'narrative_amounts') }}
),

renamed as (
    select
        document_id || '-n' || {{ key_part('claim_seq', 3) }} as narrative_amount_id,
        document_id,
        claim_seq,
        {{ clean_text('subject') }} as subject,
        -- The subject with its level suffix removed: 卫生健康支出（类） -> 卫生健康支出, level 类.
        regexp_replace({{ clean_text('subject') }}, '[（(](?:类|款|项)[)）]$', '') as subject_bare,
        nullif(regexp_extract(subject, '[（(](类|款|项)[)）]$', 1), '') as subject_level,
        amount as amount_printed,
        {{ amount_in_yuan('amount', 'amount_unit') }} as amount_yuan,
        amount_unit,
        section,
        chapter,
        sentence,
        line,
        page
    from source
)

select * from renamed
