package org.bwnetflow.connect.filter.sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bwnetflow.connect.filter.Filter;
import org.bwnetflow.connect.filter.FilterNode;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.table.AddressHalves;
import org.bwnetflow.connect.model.table.ColumnType;
import org.bwnetflow.connect.model.table.FlowsColumn;

/**
 * Translates a filter into a condition on the raw flows table ({@link FlowsColumn}) that selects the rows of the
 * flows the filter matches, given how the raw flows sink stores them: numbers always (0 when absent), timestamps
 * in microseconds, addresses as two signed longs ({@link AddressHalves}), texts as SYMBOLs that are NULL for an
 * empty text, and the exporter as its address's text ({@code InetAddress.getHostAddress()}).
 *
 * <p>Nothing of the filter's text reaches the SQL: it is built from checked column names, operators this class
 * writes, and {@code ?}; every value is a parameter. Every part is two-valued (never SQL NULL), so that
 * {@code NOT} means what it means on a Struct.
 *
 * <p>Limits: fields the table does not store (AS paths, communities, next hops, ...) and exporter prefixes
 * (the table holds the exporter's text, not its halves) throw {@link SqlTranslationException}. Ordering
 * comparisons of uint64 values of 2^63 and more (stored negative) differ from the Struct evaluation, which
 * compares unsigned.
 */
public final class SqlFilter {

    private static final String TRUE = "1 = 1";

    private final List<Object> parameters = new ArrayList<>();

    private SqlFilter() {
    }

    /**
     * The SQL condition of a filter.
     *
     * @throws SqlTranslationException when the filter reads a field the table does not store, or an exporter prefix
     */
    public static SqlCondition toSql(Filter filter) {
        SqlFilter translation = new SqlFilter();
        String sql = translation.node(filter.root());
        return new SqlCondition(sql, translation.parameters);
    }

    private String node(FilterNode node) {
        if (node instanceof FilterNode.MatchAll) {
            return TRUE;
        }
        if (node instanceof FilterNode.Not not) {
            return not.operand() instanceof FilterNode.TextEquals text ? textNotEquals(text) : "NOT (" + node(not.operand()) + ")";
        }
        if (node instanceof FilterNode.And and) {
            return joined(and.operands(), " AND ");
        }
        if (node instanceof FilterNode.Or or) {
            return joined(or.operands(), " OR ");
        }
        if (node instanceof FilterNode.NumberComparison comparison) {
            return number(comparison);
        }
        if (node instanceof FilterNode.AddressPrefix prefix) {
            return prefix.field() == FlowField.SAMPLER_ADDRESS ? exporter(prefix) : prefix(prefix);
        }
        if (node instanceof FilterNode.TextEquals text) {
            return textEquals(text);
        }
        throw notStored(((FilterNode.ListContains) node).field());
    }

    private String joined(List<FilterNode> operands, String operator) {
        List<String> parts = new ArrayList<>(operands.size());
        for (FilterNode operand : operands) {
            parts.add(node(operand));
        }
        return "(" + String.join(operator, parts) + ")";
    }

    private String number(FilterNode.NumberComparison comparison) {
        FlowsColumn column = column(comparison.field());
        long value = comparison.value();
        if (column.type() == ColumnType.TIMESTAMP) {
            try {
                value = Math.multiplyExact(value, 1_000_000L); // the flow's seconds, the table's microseconds
            } catch (ArithmeticException e) {
                throw new SqlTranslationException(comparison.field().fieldName() + " " + value + " is beyond the table's timestamps");
            }
        }
        return column.columnName() + " " + comparison.comparison().symbol() + " " + parameter(value);
    }

    /** A prefix as ranges of the stored halves: length 1-64 ranges the high half, 65-128 fixes it and ranges the low. */
    private String prefix(FilterNode.AddressPrefix prefix) {
        FlowsColumn[] halves = FlowsColumn.of(prefix.field());
        if (halves.length != 2) {
            throw notStored(prefix.field());
        }
        FlowsColumn high = halves[0].isAddressHigh() ? halves[0] : halves[1];
        FlowsColumn low = high == halves[0] ? halves[1] : halves[0];
        int length = prefix.length();
        if (length == 0) {
            return TRUE;
        }
        if (length <= 64) {
            return range(high, prefix.high(), length);
        }
        return "(" + high.columnName() + " = " + parameter(prefix.high()) + " AND " + range(low, prefix.low(), length - 64) + ")";
    }

    /** The values of a column whose first {@code bits} (1-64) equal the network's: one signed range, the sign bit fixed. */
    private String range(FlowsColumn column, long network, int bits) {
        long mask = bits == 64 ? -1L : -1L << (64 - bits);
        long lowest = network & mask;
        long highest = lowest | ~mask;
        if (lowest == highest) {
            return column.columnName() + " = " + parameter(lowest);
        }
        // two comparisons rather than BETWEEN: QuestDB compiles those into its JIT filter, BETWEEN it does not
        return "(" + column.columnName() + " >= " + parameter(lowest) + " AND " + column.columnName() + " <= "
                + parameter(highest) + ")";
    }

    /** The exporter is stored as text: one address compares as its text; no exporter (NULL) counts as {@code ::}. */
    private String exporter(FilterNode.AddressPrefix prefix) {
        FlowsColumn column = column(prefix.field());
        if (prefix.length() != 128) {
            throw new SqlTranslationException("the raw flows table stores the exporter as text: only single exporter addresses"
                    + " translate to SQL, not the prefix in " + prefix);
        }
        String name = column.columnName();
        String text = AddressHalves.text(prefix.high(), prefix.low());
        boolean unspecified = prefix.high() == 0 && prefix.low() == 0;
        return "(" + name + (unspecified ? " IS NULL OR " : " IS NOT NULL AND ") + name + " = " + parameter(text) + ")";
    }

    /** An empty text is stored as NULL. */
    private String textEquals(FilterNode.TextEquals text) {
        String name = column(text.field()).columnName();
        if (text.value().isEmpty()) {
            return name + " IS NULL";
        }
        return "(" + name + " IS NOT NULL AND " + name + " = " + parameter(text.value()) + ")";
    }

    private String textNotEquals(FilterNode.TextEquals text) {
        String name = column(text.field()).columnName();
        if (text.value().isEmpty()) {
            return name + " IS NOT NULL";
        }
        return "(" + name + " IS NULL OR " + name + " != " + parameter(text.value()) + ")";
    }

    private String parameter(Object value) {
        parameters.add(value);
        return "?";
    }

    /** The one column a field is stored in. */
    private static FlowsColumn column(FlowField field) {
        FlowsColumn[] columns = FlowsColumn.of(field);
        if (columns.length != 1) {
            throw notStored(field);
        }
        return columns[0];
    }

    private static SqlTranslationException notStored(FlowField field) {
        Set<String> stored = new LinkedHashSet<>();
        for (FlowsColumn column : FlowsColumn.all()) {
            if (column.field() != null) {
                stored.add(column.field().fieldName());
            }
        }
        return new SqlTranslationException("the raw flows table does not store " + field.fieldName() + "; it stores "
                + stored.stream().collect(Collectors.joining(", ")));
    }
}
