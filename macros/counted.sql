{# Only the tables counted in the marts (int_tables_deduplicated): the one copy of a table printed in several
   documents. `column` holds the table's id (a project_id, budget_table_id, or a document_id || '-goals' /
   '-narrative' for a document's goals and narrative). #}
{% macro is_counted(column) -%}
    {{ column }} in (select table_id from {{ ref('int_tables_deduplicated') }} where is_counted)
{%- endmacro %}
