{#
  The YAML descriptions as comments on the warehouse's relations and columns (persist_docs in dbt_project.yml),
  for SQL clients that show them: what dbt-duckdb writes, written with one look at the relation's columns and in one
  statement (dbt's own macro looks twice and writes twice). An incremental model's table keeps its comments through
  an incremental run, which only deletes and inserts rows (a changed description is a changed dbt project, which
  rebuilds every model: ingest/dbt_build.py): where the table already carries the model's description, nothing is
  looked at or written.
#}
{% macro duckdb__persist_docs(relation, model, for_relation, for_columns) -%}
    {%- set relation_docs = for_relation and config.persist_relation_docs() and model.description -%}
    {%- set column_docs = for_columns and config.persist_column_docs() and model.columns -%}
    {%- if relation_docs and model.config.materialized == 'incremental' -%}
        {%- set carried = run_query(
            "select comment from duckdb_tables() where database_name = '" ~ relation.database
            ~ "' and schema_name = '" ~ relation.schema ~ "' and table_name = '" ~ relation.identifier ~ "'"
        ) -%}
        {%- if carried.rows | length == 1 and carried.rows[0][0] == model.description -%}
            {{ return(none) }}
        {%- endif -%}
    {%- endif -%}
    {%- set statements = [] -%}
    {%- if relation_docs -%}
        {%- do statements.append(alter_relation_comment(relation, model.description)) -%}
    {%- endif -%}
    {%- if column_docs -%}
        {%- set existing = adapter.get_columns_in_relation(relation) | map(attribute='name') | list -%}
        {%- set documented = validate_doc_columns(relation, model.columns, existing) -%}
        {%- for column_name in documented -%}
            {%- set column = adapter.quote(column_name) if documented[column_name]['quote'] else column_name -%}
            {%- do statements.append(
                'comment on column ' ~ relation ~ '.' ~ column ~ ' is '
                ~ duckdb_escape_comment(documented[column_name]['description']) ~ ';'
            ) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if statements -%}
        {%- do run_query(statements | join('\n')) -%}
    {%- endif -%}
{%- endmacro %}
