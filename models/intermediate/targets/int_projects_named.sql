{#
    Each project table's name taken apart: a project code printed with it (51092322T000000431595-…), the period it
    spans (2024年-2026年), the batch (第二批), the year and
    the funding source printed in it (-2025 年中央财政医疗服务与保障能力提升补助资金, （2025 年市级）, -市级资金-津财社指…,
    (自有资金)), and what is left: the normalised name the project kind and the project key are read from.
    Only a project's own target tables count as projects (table_kind in var project_table_kinds); a project's
    self-evaluation is named like them (so it gets a kind, and a key in int_self_evaluations_keyed); department
    tables and department self-evaluations get no normalised name, kind or key. The period a budget covers comes
    from a range in the name or from the 项目期 printed.
#}
{{ config(**by_document_config('stg_raw__documents')) }}
{% set mof_code = '\\d{8}[A-Za-z][0-9A-Za-z]{12}' %}
with

projects as (
    select * from {{ ref('stg_raw__project_tables') }}
    where {{ is_document_stale('document_id', ref('stg_raw__documents')) }}
),

code_tokens as (
    -- The run of letters and digits a name starts or ends with (after an opening or before a closing bracket).
    select
        *,
        regexp_extract(project_name, '^\s*[\[【(（]?\s*([0-9A-Za-z]+)', 1) as leading_token,
        regexp_extract(project_name, '([0-9A-Za-z]+)\s*[\]】)）]?\s*$', 1) as trailing_token
    from projects
),

code_split as (
    -- A project code printed with the name, before or after it (51092322T000000431595-城乡居民监管工作经费,
    -- 【51092322T000000431595】…, … (51092322T000000431595)): the Ministry of Finance's 21-character 项目编码, 8
    -- digits, a letter and 12 letters or digits. Split off with its brackets and separator, so the name reads as
    -- a name.
    select
        *,
        case
            when regexp_full_match(leading_token, '{{ mof_code }}') then leading_token
            when regexp_full_match(trailing_token, '{{ mof_code }}') then trailing_token
        end as name_project_code,
        nullif(trim(case
            when regexp_full_match(leading_token, '{{ mof_code }}') then regexp_replace(project_name,
                '^\s*[\[【(（]?\s*[0-9A-Za-z]+\s*[\]】)）]?\s*[-－—–_:：、.．,，]?\s*', '')
            when regexp_full_match(trailing_token, '{{ mof_code }}') then regexp_replace(project_name,
                '\s*[-－—–_:：、,，]?\s*[\[【(（]?\s*[0-9A-Za-z]+\s*[\]】)）]?\s*$', '')
            else project_name
        end), '') as project_name_bare
    from code_tokens
),

table_kinds as (
    select
        *,
        coalesce(table_kind in ({{ "'" ~ var('project_table_kinds') | join("', '") ~ "'" }}), true) as is_project_table
    from code_split
),

squashed as (
    select
        project_id,
        is_project_table,
        is_project_table or table_kind = 'project_self_evaluation' as is_named,
        project_name,
        project_name_bare,
        coalesce(project_code, name_project_code) as project_code,
        project_code is null and name_project_code is not null as is_project_code_from_name,
        regexp_replace(translate(coalesce(project_name_bare, ''), '－—–～', '---~'), '[\s\x{3000}]+', '', 'g') as name_0,
        regexp_replace(translate(coalesce(project_period, ''), '－—–～', '---~'), '[\s\x{3000}]+', '', 'g')
            as period_printed,
        document_revision
    from table_kinds
),

period_split as (
    -- 2024年-2026年滨海新区… : a project over several years, printed in its name.
    select
        *,
        regexp_extract(name_0, '(\d{4})年?(?:-|~|至|到)(\d{4})年?', ['start_year', 'end_year']) as period,
        regexp_replace(name_0, '(\d{4})年?(?:-|~|至|到)(\d{4})年?', '') as name_1
    from squashed
),

batch_split as (
    select
        *,
        nullif(regexp_extract(name_1, '[（(]?(第[一二三四五六七八九十0-9]+批)[）)]?', 1), '') as batch,
        regexp_replace(name_1, '[（(]?第[一二三四五六七八九十0-9]+批[）)]?', '', 'g') as name_2
    from period_split
),

bracket_split as (
    -- A bracket naming a year or a level of government is a funding note: （2025 年市级福彩）, (自有资金).
    select
        *,
        nullif(regexp_extract(name_2,
            '[（(]([^（）()]*(?:\d{4}年|中央|市级|省级|区级|县级|福彩|自有资金)[^（）()]*)[）)]', 1), '') as bracket_note,
        regexp_replace(name_2,
            '[（(][^（）()]*(?:\d{4}年|中央|市级|省级|区级|县级|福彩|自有资金)[^（）()]*[）)]', '') as name_3
    from batch_split
),

suffix_split as (
    -- 医保基金监管能力提升项目-2025年中央财政…补助资金: what follows the first dash is the funding source.
    select
        *,
        coalesce(nullif(regexp_extract(name_3, '^([^-]+)-', 1), ''), name_3) as name_4,
        nullif(regexp_extract(name_3, '^[^-]+-(.+)$', 1), '') as suffix
    from bracket_split
),

prefix_split as (
    -- 2025年区级城乡居民…, 2024年中央财政医疗服务与保障能力提升补助资金: a leading year and level of government.
    select
        *,
        nullif(regexp_extract(name_4, '^(\d{4})年', 1), '') as leading_year,
        nullif(regexp_extract(regexp_replace(name_4, '^\d{4}年', ''), '^(中央财政|中央|省级|市级|区级|县级)', 1), '')
            as leading_level,
        regexp_replace(regexp_replace(name_4, '^\d{4}年', ''), '^(中央财政|中央|省级|市级|区级|县级)', '') as name_5
    from suffix_split
),

final as (
    select
        project_id,
        is_project_table,
        is_named,
        project_name_bare,
        project_code,
        is_project_code_from_name,
        if(is_named, nullif(name_5, ''), null) as project_name_normalised,
        -- the key compares names without a trailing 项目/专项 and with ASCII brackets
        if(is_named,
            nullif(regexp_replace(translate(name_5, '（）【】', '()[]'), '(项目|专项)$', ''), ''), null) as project_name_key,
        nullif(trim(regexp_replace(
            concat_ws('; ', leading_level, bracket_note, suffix), '\d{4}年度?|^[-;\s]+|[-;\s]+$', '', 'g'
        ), ' ;-'), '') as funding_source,
        batch,
        try_cast(coalesce(
            leading_year,
            nullif(regexp_extract(coalesce(bracket_note, ''), '(\d{4})年', 1), ''),
            nullif(regexp_extract(coalesce(suffix, ''), '(\d{4})年', 1), '')
        ) as integer) as name_year,
        try_cast(nullif(period.start_year, '') as integer) as period_start_year,
        try_cast(nullif(period.end_year, '') as integer) as period_end_year,
        -- years the budget covers: a range in the name, else the 项目期 printed (2024年-2026年, or 3年)
        coalesce(
            try_cast(nullif(period.end_year, '') as integer) - try_cast(nullif(period.start_year, '') as integer) + 1,
            try_cast(nullif(regexp_extract(period_printed, '^(\d{4})年?(?:-|~|至|到)(\d{4})年?$', 2), '') as integer)
                - try_cast(nullif(regexp_extract(period_printed, '^(\d{4})年?(?:-|~|至|到)(\d{4})年?$', 1), '') as integer)
                + 1,
            try_cast(nullif(regexp_extract(period_printed, '^(\d{1,2})个?年$', 1), '') as integer)
        ) as period_years,
        regexp_matches(name_5, '补助资金$|专项资金$|^医疗服务与保障能力提升') as is_named_after_fund,
        document_revision
    from prefix_split
)

select * from final
