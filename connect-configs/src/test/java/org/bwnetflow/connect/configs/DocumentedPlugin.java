package org.bwnetflow.connect.configs;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * One plugin of the bundle and its reference page {@code docs/plugins/<page>.md}. The page name and the module
 * are written here by hand (a class cannot tell which module it came from); the rest is read from the class.
 */
record DocumentedPlugin(Class<?> type, String page, String module) {

    /** Every plugin of the bundle, in the order the README's plugin table lists them. */
    static final List<DocumentedPlugin> ALL = List.of(
            of("org.bwnetflow.connect.netflow.source.NetFlowSourceConnector", "netflow-source", "netflow-source-connector"),
            of("org.bwnetflow.connect.bmp.source.BmpSourceConnector", "bmp-source", "bmp-source-connector"),
            of("org.bwnetflow.connect.enrich.Normalize", "normalize", "smt-enrich"),
            of("org.bwnetflow.connect.enrich.CustomerId", "customer-id", "smt-enrich"),
            of("org.bwnetflow.connect.enrich.GeoIp", "geoip", "smt-enrich"),
            of("org.bwnetflow.connect.enrich.Routes", "routes", "smt-enrich"),
            of("org.bwnetflow.connect.enrich.InterfaceNames", "interface-names", "smt-enrich"),
            of("org.bwnetflow.connect.enrich.ProtoName", "proto-name", "smt-enrich"),
            of("org.bwnetflow.connect.tenant.TenantRouter", "tenant-router", "tenant-router"),
            of("org.bwnetflow.connect.reduce.ReduceFields", "reduce-fields", "smt-reduce"),
            of("org.bwnetflow.connect.reduce.Anonymize", "anonymize", "smt-reduce"),
            of("org.bwnetflow.connect.filter.predicate.FlowMatches", "flow-matches", "flow-filter"),
            of("org.bwnetflow.connect.influx.InfluxSinkConnector", "influx-sink", "influx-sink-connector"),
            of("org.bwnetflow.connect.rawflows.RawFlowsSinkConnector", "raw-flows-sink", "raw-flows-sink-connector"),
            of("org.bwnetflow.connect.ddos.sink.DdosSinkConnector", "ddos-sink", "ddos-sink-connector"),
            of("org.bwnetflow.connect.netflow.export.NetFlowExportSinkConnector", "netflow-export-sink",
                    "netflow-export-sink-connector"),
            of("org.bwnetflow.connect.model.FlowMessageConverter", "flow-message-converter", "flow-model"));

    private static DocumentedPlugin of(String className, String page, String module) {
        try {
            return new DocumentedPlugin(Class.forName(className), page, module);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no plugin class " + className, e);
        }
    }

    String simpleName() {
        return type.getSimpleName();
    }

    /** What Connect calls it, for the page's header. */
    String kind() {
        if (SourceConnector.class.isAssignableFrom(type)) {
            return "source connector";
        }
        if (SinkConnector.class.isAssignableFrom(type)) {
            return "sink connector";
        }
        if (Transformation.class.isAssignableFrom(type)) {
            return "transform";
        }
        if (Converter.class.isAssignableFrom(type)) {
            return "converter";
        }
        if (Predicate.class.isAssignableFrom(type)) {
            return "predicate";
        }
        throw new IllegalStateException(type + " is no Connect plugin");
    }

    /** The class's {@code OVERVIEW_DOC}, as Kafka's own transforms carry it. */
    String overview() {
        try {
            Field field = type.getField("OVERVIEW_DOC");
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
                throw new IllegalStateException(type.getName() + ".OVERVIEW_DOC is not a static String");
            }
            return (String) field.get(null);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new IllegalStateException(type.getName() + " has no public OVERVIEW_DOC", e);
        }
    }

    /** The ConfigDef the worker validates against: the plugin's own {@code config()}. */
    ConfigDef configDef() {
        Object plugin = newInstance();
        if (plugin instanceof SourceConnector source) {
            return source.config();
        }
        if (plugin instanceof SinkConnector sink) {
            return sink.config();
        }
        if (plugin instanceof Transformation<?> transform) {
            return transform.config();
        }
        if (plugin instanceof Predicate<?> predicate) {
            return predicate.config();
        }
        return ((Converter) plugin).config();
    }

    private Object newInstance() {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + type.getName() + " as the worker does", e);
        }
    }
}
