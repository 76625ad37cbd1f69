package org.bwnetflow.connect.filter;

import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.table.AddressHalves;

/** A filter compiled into predicates on flow Structs, one per node. */
final class StructPredicates {

    private StructPredicates() {
    }

    static Predicate<Struct> of(FilterNode node) {
        if (node instanceof FilterNode.MatchAll) {
            return flow -> true;
        }
        if (node instanceof FilterNode.Not not) {
            return of(not.operand()).negate();
        }
        if (node instanceof FilterNode.And and) {
            return all(compile(and.operands()));
        }
        if (node instanceof FilterNode.Or or) {
            return any(compile(or.operands()));
        }
        return condition(node);
    }

    private static Predicate<Struct> condition(FilterNode node) {
        if (node instanceof FilterNode.NumberComparison comparison) {
            return flow -> comparison.test(StructValuesReader.number(flow, comparison.field()));
        }
        if (node instanceof FilterNode.AddressPrefix prefix) {
            return flow -> {
                byte[] address = StructValuesReader.bytes(flow, prefix.field());
                return prefix.contains(AddressHalves.high(address), AddressHalves.low(address));
            };
        }
        if (node instanceof FilterNode.TextEquals text) {
            return flow -> text.value().equals(StructValuesReader.text(flow, text.field()));
        }
        FilterNode.ListContains contains = (FilterNode.ListContains) node;
        return flow -> {
            for (Object value : StructValuesReader.list(flow, contains.field())) {
                if (value != null && ((Number) value).longValue() == contains.value()) {
                    return true;
                }
            }
            return false;
        };
    }

    @SuppressWarnings("unchecked")
    private static Predicate<Struct>[] compile(List<FilterNode> nodes) {
        Predicate<Struct>[] predicates = new Predicate[nodes.size()];
        for (int i = 0; i < predicates.length; i++) {
            predicates[i] = of(nodes.get(i));
        }
        return predicates;
    }

    private static Predicate<Struct> all(Predicate<Struct>[] predicates) {
        return flow -> {
            for (Predicate<Struct> predicate : predicates) {
                if (!predicate.test(flow)) {
                    return false;
                }
            }
            return true;
        };
    }

    private static Predicate<Struct> any(Predicate<Struct>[] predicates) {
        return flow -> {
            for (Predicate<Struct> predicate : predicates) {
                if (predicate.test(flow)) {
                    return true;
                }
            }
            return false;
        };
    }
}
