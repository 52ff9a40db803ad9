{#
    One row per table row (document and line) that holds cells read from a scan: the lowest recognition
    confidence among its cells. Records carry the line of the row they came from, so they join here.
#}
with

cells as (
    select * from {{ ref('int_table_cells_recognised') }}
),

rows_sourced as (
    select
        document_id,
        line,
        min(page) as page,
        'ocr' as source,
        min(confidence) as min_confidence,
        count(*) filter (where is_below_threshold) as n_cells_below_threshold
    from cells
    group by document_id, line
)

select * from rows_sourced
