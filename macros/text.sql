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

{# An amount as printed to an exact decimal: thousands separators (half- or full-width) and full-width digits
   read; anything that is not a finite number below 10^22 (NaN, inf, 1e309, text) is null and reported in
   marts.data_quality as "amount not read". The bound keeps every sum of amounts in yuan far inside DECIMAL(38, 2):
   10^10 amounts of 10^26 yuan (10^22 万元) still add up without overflow. #}
{% macro amount_number(column) -%}
    {%- set number -%}
        try_cast(nullif(regexp_replace(
            translate(trim({{ column }}), '０１２３４５６７８９．，－＋', '0123456789.,-+'),
            '[,，\s\x{3000}]', '', 'g'), '') as decimal(38, 6))
    {%- endset -%}
    case when abs({{ number }}) < 1e22 then {{ number }} end
{%- endmacro %}

{# An amount in its printed unit (万元, 千元, 元) to yuan, exact to the fen. #}
{% macro to_yuan(amount, unit_column) -%}
    (({{ amount }}) * case {{ unit_column }} when '万元' then 10000 when '千元' then 1000 when '元' then 1 end)
        ::decimal(38, 2)
{%- endmacro %}

{# An amount as printed, in the given unit column's unit, to exact yuan. #}
{% macro amount_in_yuan(column, unit_column) -%}
    {{ to_yuan(amount_number(column), unit_column) }}
{%- endmacro %}

{# A sequence number as part of a key: zero-padded to width for sorting, never cut (lpad would cut 1000 to 100). #}
{% macro key_part(column, width) -%}
    lpad({{ column }}::varchar, greatest({{ width }}, length({{ column }}::varchar))::integer, '0')
{%- endmacro %}

{# A name compared across documents: no whitespace, punctuation or brackets, no printed code before it
   (51092322T000000431501-城乡居民医保参保工作经费 -> 城乡居民医保参保工作经费), full-width letters folded. #}
{% macro normalised_name(column) -%}
    nullif(regexp_replace(regexp_replace(lower({{ column }}), '^[0-9a-z]{8,}\s*[-－—_]\s*', ''),
        '[\s\x{3000}\p{P}（）【】“”《》、，。：；！？·]', '', 'g'), '')
{%- endmacro %}

{# A name as a department table's 年度主要任务 and a project table are matched on (int_department_tasks_matched): the
   normalised name without a trailing 项目/专项 (医保信息化运维项目 = 医保信息化运维). #}
{% macro task_name_key(column) -%}
    regexp_replace({{ normalised_name(column) }}, '(项目|专项)$', '')
{%- endmacro %}

{# A decimal as short text for messages: 10.0000 -> 10, 9.6500 -> 9.65, 100 -> 100. #}
{% macro plain_number(column) -%}
    regexp_replace(regexp_replace({{ column }}::varchar, '(\.\d*?)0+$', '\1'), '\.$', '')
{%- endmacro %}

{# The value of one unit in the last printed digit, in yuan: 0.01 万元 -> 100, 187 元 -> 1 (rounding tolerance is half). #}
{% macro printed_precision_yuan(column, unit_column) -%}
    ((case {{ unit_column }} when '万元' then 10000 when '千元' then 1000 when '元' then 1 end)
        / power(10, coalesce(length(nullif(regexp_extract({{ column }}, '\.(\d+)', 1), '')), 0)))::decimal(20, 4)
{%- endmacro %}

{# Text compared across copies of one table: no whitespace, full-width punctuation folded to ASCII, so a PDF, a DOCX
   and a scan of the same cell compare equal (（ and ( read alike from a scan). #}
{% macro folded_text(column) -%}
    coalesce(translate(regexp_replace({{ column }}, '[\s\x{3000}]+', '', 'g'), '（）【】：；，．％＜＞＝', '()[]:;,.%<>='), '')
{%- endmacro %}

{# A budget column's header path as matched against the budget_measures seed: no whitespace, no bracketed notes
   (使用非财政拨款结余（含专用结余） -> 使用非财政拨款结余). #}
{% macro header_key(column) -%}
    regexp_replace({{ column }}, '[（(][^（）()]*[）)]|[\s\x{3000}]', '', 'g')
{%- endmacro %}


{# A functional class as a narrative names it (卫生健康支出（类）; a path 公共安全支出（204类）司法（06款）行政运行（01项）;
   a path joined by dashes 一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行): its last class, without its level. #}
{% macro class_bare(column) -%}
    regexp_extract(
        regexp_replace(
            regexp_replace({{ column }}, '[（(][0-9]*(?:类|款|项)[)）]$', ''),
            '^.*[（(][0-9]*(?:类|款|项)[)）]', ''
        ),
        '([^-－—]+)$', 1
    )
{%- endmacro %}


{# The 功能分类 code of the class a narrative names, from the codes printed with its levels: the last one if whole
   (2040601项), else the path's joined (204类 06款 01项 -> 2040601); null unless it has the level's length (类 3,
   款 5, 项 7 digits). #}
{% macro class_functional_code(column) -%}
    {%- set codes = "regexp_extract_all(" ~ column ~ ", '[（(]([0-9]+)(?:类|款|项)[)）]', 1)" -%}
    {%- set digits = "case regexp_extract(" ~ column ~ ", '[（(][0-9]*(类|款|项)[)）]$', 1) when '类' then 3 when '款' then 5 when '项' then 7 end" -%}
    case
        when length(list_last({{ codes }})) = {{ digits }} then list_last({{ codes }})
        when length(array_to_string({{ codes }}, '')) = {{ digits }} then array_to_string({{ codes }}, '')
    end
{%- endmacro %}
