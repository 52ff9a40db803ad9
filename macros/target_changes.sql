{#
    How a target changed from `before` to `after`, by direction, in one vocabulary for every mart that reports a
    change (int_indicators_linked: published -> evaluated; indicator_changes: one budget year -> the next):
      same          the same text (as the caller keys it: whitespace squashed, or years removed year over year);
      reworded      other words or units for the same target (≤6070000 元 -> ≤607 万元, a deadline printed
                    another way);
      tightened     harder to meet: a floor raised (≥95% -> ≥98%), a ceiling lowered (≤25万元 -> ≤20万元), a
                    deadline earlier, ≥ made >;
      loosened      easier to meet: a floor lowered, a ceiling raised (≤8万元 -> ≤9万元), a deadline later;
      incomparable  changed in a way that has no direction: another comparator (≥95% -> 100%), another unit or
                    kind, a qualitative phrase changed, a target added to or removed from a blank cell.
    The caller names the columns <prefix>text, <prefix>kind, <prefix>comparator, <prefix>value (base units),
    <prefix>unit (base unit) and <prefix>deadline for both sides; deadline_shift moves the earlier deadline on
    (to_years(years_apart) year over year, so 2024年10月底前 -> 2025年10月底前 is the same deadline).
#}
{% macro target_change(before, after, deadline_shift=none) -%}
    {%- set shifted = before ~ 'deadline' ~ (' + ' ~ deadline_shift if deadline_shift else '') -%}
    case
        when {{ before }}text is not distinct from {{ after }}text then 'same'
        when {{ before }}kind = 'numeric' and {{ after }}kind = 'numeric'
            and {{ before }}unit is not distinct from {{ after }}unit
            and {{ before }}value is not null and {{ after }}value is not null then
            case
                when {{ before }}comparator in ('>=', '>') and {{ after }}comparator in ('>=', '>') then
                    case
                        when {{ after }}value > {{ before }}value then 'tightened'
                        when {{ after }}value < {{ before }}value then 'loosened'
                        when {{ after }}comparator = {{ before }}comparator then 'reworded'
                        when {{ after }}comparator = '>' then 'tightened'
                        else 'loosened'
                    end
                when {{ before }}comparator in ('<=', '<') and {{ after }}comparator in ('<=', '<') then
                    case
                        when {{ after }}value < {{ before }}value then 'tightened'
                        when {{ after }}value > {{ before }}value then 'loosened'
                        when {{ after }}comparator = {{ before }}comparator then 'reworded'
                        when {{ after }}comparator = '<' then 'tightened'
                        else 'loosened'
                    end
                when {{ before }}comparator = '=' and {{ after }}comparator = '='
                    and {{ after }}value = {{ before }}value then 'reworded'
                else 'incomparable'
            end
        when {{ before }}kind = 'deadline' and {{ after }}kind = 'deadline'
            and {{ before }}deadline is not null and {{ after }}deadline is not null then
            case
                when {{ after }}deadline = {{ shifted }} then 'reworded'
                when {{ after }}deadline < {{ shifted }} then 'tightened'
                else 'loosened'
            end
        else 'incomparable'
    end
{%- endmacro %}

