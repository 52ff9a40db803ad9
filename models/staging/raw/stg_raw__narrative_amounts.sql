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
        -- The class the subject names, without its level: 卫生健康支出（类） -> 卫生健康支出, level 类; of a path
        -- of classes (公共安全支出（204类）司法（06款）行政运行（01项）) the last: 行政运行, level 项, code 01; of a
        -- path joined by dashes (一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行) the last: 行政运行.
        {{ class_bare(clean_text('subject')) }} as subject_bare,
        nullif(regexp_extract(subject, '[（(][0-9]*(类|款|项)[)）]$', 1), '') as subject_level,
        nullif(regexp_extract(subject, '[（(]([0-9]+)(?:类|款|项)[)）]$', 1), '') as subject_code,
        -- The class's 功能分类 code from the printed codes: the last one if whole (2040601项), else the path's
        -- joined (204类 06款 01项 -> 2040601); null unless it has the level's length (类 3, 款 5, 项 7 digits).
        {{ class_functional_code('subject') }} as subject_functional_code,
        -- What kind of figure the subject says the amount is, if its last word says so; else 'amount'
        -- (the subject's own amount). A change or last year's execution is never a figure of the tables.
        case
            when regexp_matches(subject, '(增加|减少|增长|下降|持平|节约|超支)$') then 'change'
            when regexp_matches(subject, '执行数?为?$') then 'execution'
            when regexp_matches(subject, '决算数?为?$') then 'final_account'
            when regexp_matches(subject, '(年初预算|全年预算|预算安排|预算数)为?$') then 'budget'
            else 'amount'
        end as figure_kind,
        amount as amount_printed,
        {{ amount_in_yuan('amount', 'amount_unit') }} as amount_yuan,
        amount_unit,
        section,
        chapter,
        context_class,
        lead_in,
        sentence,
        line,
        page
    from source
)

select * from renamed
