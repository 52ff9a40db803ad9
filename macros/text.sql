{# Join text a wrapped cell broke apart: drop whitespace between two Chinese characters, trim the rest. #}
{% macro clean_text(column) -%}
    nullif(trim(regexp_replace(regexp_replace(
        regexp_replace({{ column }}, '[\s\x{3000}]+', ' ', 'g'),
        '(\p{Han}|[（）【】“”《》，、。：；])\s+(\p{Han}|[（）【】“”《》，、。：；])', '\1\2', 'g'),
        '(\p{Han}|[（）【】“”《》，、。：；])\s+(\p{Han}|[（）【】“”《》，、。：；])', '\1\2', 'g')), '')
{%- endmacro %}

{# A label compared without any whitespace (一级/二级 labels are short and never carry meaningful spaces). #}
{% macro squash(column) -%}
    nullif(regexp_replace({{ column }}, '\s+', '', 'g'), '')
{%- endmacro %}

{# A number as printed (a score, weight or rate): thousands separators, whitespace and a trailing 分 or % removed. #}
{% macro printed_number(column) -%}
    try_cast(nullif(regexp_replace(trim({{ column }}), '[,，\s]|[分%％]$', '', 'g'), '') as decimal(20, 4))
{%- endmacro %}

{# An amount as printed (may carry thousands separators) to an exact decimal, times the unit's factor. #}
{% macro amount_in_yuan(column, unit_column) -%}
    (try_cast(nullif(regexp_replace(trim({{ column }}), '[,，\s]', '', 'g'), '') as decimal(20, 2))
        * case {{ unit_column }} when '万元' then 10000 when '千元' then 1000 when '元' then 1 end)::decimal(20, 2)
{%- endmacro %}

{# The factor that turns an amount printed in the given unit into yuan (null for an unknown unit). #}
{% macro unit_factor(unit_column) -%}
    case {{ unit_column }} when '万元' then 10000 when '千元' then 1000 when '元' then 1 end
{%- endmacro %}

{# A name compared across documents: no whitespace, punctuation or brackets, no printed code before it
   (51092322T000000431501-城乡居民医保参保工作经费 -> 城乡居民医保参保工作经费), full-width letters folded. #}
{% macro normalised_name(column) -%}
    nullif(regexp_replace(regexp_replace(lower({{ column }}), '^[0-9a-z]{8,}\s*[-－—_]\s*', ''),
        '[\s\x{3000}\p{P}（）【】“”《》、，。：；！？·]', '', 'g'), '')
{%- endmacro %}

{# A decimal as short text for messages: 10.0000 -> 10, 9.6500 -> 9.65, 100 -> 100. #}
{% macro plain_number(column) -%}
    regexp_replace(regexp_replace({{ column }}::varchar, '(\.\d*?)0+$', '\1'), '\.$', '')
{%- endmacro %}
