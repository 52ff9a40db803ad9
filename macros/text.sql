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

{# An amount as printed (may carry thousands separators) to an exact decimal, times the unit's factor. #}
{% macro amount_in_yuan(column, unit_column) -%}
    (try_cast(nullif(regexp_replace(trim({{ column }}), '[,，\s]', '', 'g'), '') as decimal(20, 2))
        * case {{ unit_column }} when '万元' then 10000 when '千元' then 1000 when '元' then 1 end)::decimal(20, 2)
{%- endmacro %}


{# The value of one unit in the last printed digit, in yuan: 0.01 万元 -> 100, 187 元 -> 1 (rounding tolerance is half). #}
{% macro printed_precision_yuan(column, unit_column) -%}
    ((case {{ unit_column }} when '万元' then 10000 when '千元' then 1000 when '元' then 1 end)
        / power(10, coalesce(length(nullif(regexp_extract({{ column }}, '\.(\d+)', 1), '')), 0)))::decimal(20, 4)
{%- endmacro %}
