{#
    Read an indicator value cell (a 指标值 target or a 实际完成值 actual) with one set of rules: what kind of value
    it is (numeric, deadline, qualitative, multi, malformed, missing), its comparator, number and unit (normalised
    through the unit_aliases seed, and in base units), and for dates the last day of the period it names.

    Call it inside a model's `with` list, after an import CTE `unit_aliases` (the seed) and a CTE named by
    values_cte with columns indicator_id, value_raw (the cell as printed) and budget_year (for "10 月底前").
    It adds CTEs ending in `parsed`: indicator_id, value_raw, value_kind, comparator, value, unit_printed,
    value_unit, value_base, base_unit, deadline_date, value_note, is_quantitative, has_unknown_unit.

    Each distinct cell text (with its budget year, which "10 月底前" needs) is read once and its reading given back to
    every row that printed it: at 5,000 generated documents 757,224 targets print 1,008 distinct texts.
#}
{# The words a target states its comparator in: at least (≥) and at most (≤). #}
{% macro at_least_words() %}不低于|不少于|大于等于|至少{% endmacro %}
{% macro at_most_words() %}不高于|不超过|小于等于|至多|控制在{% endmacro %}
{# A comparator, in words or as a symbol, before its number. #}
{% macro comparison() %}(?:{{ at_least_words() }}|{{ at_most_words() }}|≥|≤|>|<|=)\d{% endmacro %}

{% macro parse_indicator_values(values_cte) %}
distinct_values as (
    select distinct value_raw, budget_year
    from {{ values_cte }}
),

normalised as (
    -- Full-width digits and symbols to ASCII/math forms; all whitespace out ("2025 年 12 月" -> "2025年12月").
    select
        value_raw,
        budget_year,
        -- Thousands separators out too ("5,983,000 元" -> 5983000元; applied twice for overlapping groups).
        regexp_replace(regexp_replace(regexp_replace(
            translate(coalesce(value_raw, ''), '０１２３４５６７８９．＞＜＝％≧≦', '0123456789.><=%≥≤'),
            '[\s\x{3000}]+', '', 'g'),
            '(\d),(\d{3})', '\1\2', 'g'), '(\d),(\d{3})', '\1\2', 'g'
        ) as compact
    from distinct_values
),

bracketed as (
    select
        *,
        regexp_extract(compact, '[（(]([^（）()]*)[）)]$', 1) as bracket,
        regexp_replace(compact, '[（(][^（）()]*[）)]$', '') as before_bracket
    from normalised
),

note_split as (
    -- A trailing parenthesis is a note, not part of the value: "≥90%（使全市参保群众满意度90%以上）"; unless it is
    -- the number's unit, printed in brackets right after it: "≥80.00(%)", "=5.00（万人次）", "≤3(元/人)" (a unit
    -- alias, as the whole bracket or before its "/").
    select
        * exclude (bracket, before_bracket, is_unit),
        if(is_unit, null, nullif(bracket, '')) as value_note,
        if(is_unit, before_bracket || bracket, before_bracket) as core
    from (
        select
            *,
            regexp_matches(before_bracket, '\d$')
                and split_part(bracket, '/', 1) in (select alias from unit_aliases) as is_unit
        from bracketed
    )
),

labelled as (
    -- What the value is of, printed before it, is a note: the words before a comparator (党员群众满意度不少于80%,
    -- 开展至少1次团体心理治疗, 满意度≥90%) or a rate's name before its number (满意率100%, 可控性100%). Not where
    -- the text compares twice (动态类≥10条，问题建议类≥2条: the words name the first of two targets).
    select
        * exclude (core, value_note, label_split, is_labelled),
        if(is_labelled, label_split['rest'], core) as core,
        nullif(concat_ws('; ', if(is_labelled, label_split['label'], null), value_note), '') as value_note
    from (
        select
            *,
            label_split['label'] <> '' and len(regexp_extract_all(core, '{{ comparison() }}')) < 2 as is_labelled
        from (
            select
                *,
                case
                    when regexp_matches(core, '^\p{Han}{1,12}?{{ comparison() }}')
                        then regexp_extract(core, '^(\p{Han}{1,12}?)({{ comparison() }}.*)$', ['label', 'rest'])
                    else regexp_extract(core, '^(\p{Han}{0,11}[率度性])(\d.*)$', ['label', 'rest'])
                end as label_split
            from note_split
        )
    )
),

words_as_symbols as (
    -- 不低于90% / 90%以上 -> ≥90%; 不超过 / 以内 -> ≤.
    select
        *,
        case
            when regexp_matches(core, '^({{ at_least_words() }})')
                then '≥' || regexp_replace(core, '^({{ at_least_words() }})', '')
            when regexp_matches(core, '^({{ at_most_words() }})')
                then '≤' || regexp_replace(core, '^({{ at_most_words() }})', '')
            when regexp_matches(core, '^\d+(\.\d+)?\D{0,4}以上$') then '≥' || regexp_replace(core, '以上$', '')
            when regexp_matches(core, '^\d+(\.\d+)?\D{0,4}(以下|以内)$')
                then '≤' || regexp_replace(core, '(以下|以内)$', '')
            else core
        end as expr
    from labelled
),

patterns as (
    select
        *,
        regexp_extract(expr, '^(≥|≤|>=|<=|>|<|=)?(\d+(?:\.\d+)?)(\D*)$', ['cmp', 'num', 'rest']) as simple,
        regexp_extract(expr, '(\d{4})年(\d{1,2})月(\d{1,2})日', ['y', 'm', 'd']) as full_date,
        regexp_extract(expr, '^(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})$', ['y', 'm', 'd']) as dotted_date,
        regexp_extract(expr, '(\d{4})年(\d{1,2})月', ['y', 'm']) as year_month,
        regexp_extract(expr, '(\d{4})年(?:年内|内|底|末|年底|$)', 1) as year_end,
        regexp_extract(expr, '(?:^|\D)(\d{1,2})月(?:底|末)?(?:前|之前|以前|内|止)', 1) as month_in_budget_year,
        regexp_extract(expr, '^\D*?(\d+(?:\.\d+)?)(个工作日|工作日|个月|日|天|小时|分钟)(?:内|以内)?$', ['num', 'unit'])
            as within,
        regexp_matches(expr, '\d{5,}年') as has_leaked_digits,
        -- comparators in words count too: 慰问人数不少于100人,宣传用品不少于20000份 compares twice
        len(regexp_extract_all(expr, '{{ comparison() }}')) as n_comparisons
    from words_as_symbols
),

dated as (
    select
        *,
        coalesce(
            try_cast(printf('%s-%02d-%02d', full_date.y, try_cast(full_date.m as integer),
                try_cast(full_date.d as integer)) as date),
            try_cast(printf('%s-%02d-%02d', dotted_date.y, try_cast(dotted_date.m as integer),
                try_cast(dotted_date.d as integer)) as date)
        ) as exact_date,
        last_day(try_cast(printf('%s-%02d-01', year_month.y, try_cast(year_month.m as integer)) as date))
            as month_end,
        try_cast(nullif(year_end, '') || '-12-31' as date) as year_end_date,
        last_day(try_cast(printf('%d-%02d-01', budget_year, try_cast(nullif(month_in_budget_year, '') as integer))
            as date)) as budget_year_month_end
    from patterns
),

classified as (
    select
        *,
        case
            when value_raw is null then 'missing'
            when has_leaked_digits then 'malformed'
            when n_comparisons >= 2 then 'multi'
            when full_date.y <> '' or dotted_date.y <> '' then if(exact_date is null, 'malformed', 'deadline')
            when year_month.y <> '' then if(month_end is null, 'malformed', 'deadline')
            when year_end <> '' then 'deadline'
            -- before the plain number: "10 月底前" is a deadline, "≥6月" a number of months
            when month_in_budget_year <> '' then if(budget_year_month_end is null, 'malformed', 'deadline')
            when simple.num <> '' then 'numeric'
            when within.num <> '' then 'numeric'
            when regexp_matches(expr, '^(≥|≤|>|<|=)') then 'malformed'
            else 'qualitative'
        end as value_kind
    from dated
),

valued as (
    select
        *,
        case
            when value_kind = 'deadline' then '<='
            when value_kind = 'numeric' and simple.num <> '' then
                case simple.cmp
                    when '≥' then '>=' when '>=' then '>='
                    when '≤' then '<=' when '<=' then '<='
                    when '>' then '>' when '<' then '<'
                    else '='
                end
            when value_kind = 'numeric' then '<='  -- "受理后30个工作日": within N days
        end as comparator,
        case
            when value_kind = 'numeric' then try_cast(coalesce(nullif(simple.num, ''), within.num) as decimal(20, 4))
        end as value,
        case
            when value_kind = 'numeric' and simple.num <> '' then nullif(simple.rest, '')
            when value_kind = 'numeric' then nullif(within.unit, '')
        end as unit_printed,
        case
            when value_kind = 'deadline' then coalesce(exact_date, month_end, year_end_date, budget_year_month_end)
        end as deadline_date
    from classified
),

unit_split as (
    -- "万元/月" -> numerator 万元, per 月; "元/人.年" -> 元 per 人·年.
    select
        *,
        split_part(unit_printed, '/', 1) as unit_numerator,
        nullif(replace(replace(replace(split_part(unit_printed, '/', 2), '.', '·'), '平米', '平方米'), '．', '·'), '')
            as unit_denominator
    from valued
),

unit_matched as (
    -- The longest alias the printed unit starts with: 万人次 before 万人 before 万; 个月 before 个.
    select
        unit_split.value_raw,
        unit_split.budget_year,
        unit_aliases.unit,
        unit_aliases.base_unit,
        unit_aliases.factor,
        row_number() over (
            partition by unit_split.value_raw, unit_split.budget_year order by length(unit_aliases.alias) desc
        ) as match_rank
    from unit_split
    inner join unit_aliases
        on starts_with(unit_split.unit_numerator, unit_aliases.alias)
    where unit_split.unit_numerator <> ''
),

values_parsed as (
    select
        unit_split.value_raw,
        unit_split.budget_year,
        unit_split.value_kind,
        unit_split.comparator,
        unit_split.value,
        unit_split.unit_printed,
        unit_matched.unit || coalesce('/' || unit_split.unit_denominator, '') as value_unit,
        case
            when unit_split.unit_printed is null then unit_split.value
            when unit_matched.factor is not null then unit_split.value * unit_matched.factor
        end as value_base,
        unit_matched.base_unit || coalesce('/' || unit_split.unit_denominator, '') as base_unit,
        unit_split.deadline_date,
        unit_split.value_note,
        unit_split.value_kind in ('numeric', 'deadline', 'multi') as is_quantitative,
        unit_split.unit_printed is not null and unit_matched.unit is null as has_unknown_unit
    from unit_split
    left join unit_matched
        on unit_split.value_raw is not distinct from unit_matched.value_raw
        and unit_split.budget_year is not distinct from unit_matched.budget_year
        and unit_matched.match_rank = 1
),

parsed as (
    -- Each row's reading: that of its text and budget year.
    select
        values_read.indicator_id,
        values_parsed.* exclude (budget_year)
    from {{ values_cte }} as values_read
    inner join values_parsed
        on values_read.value_raw is not distinct from values_parsed.value_raw
        and values_read.budget_year is not distinct from values_parsed.budget_year
)
{% endmacro %}
