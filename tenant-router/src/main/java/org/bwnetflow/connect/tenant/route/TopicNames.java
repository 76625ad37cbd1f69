package org.bwnetflow.connect.tenant.route;

/** Kafka's rules for topic names, checked when a config is validated rather than when the producer fails. */
public final class TopicNames {

    /** Kafka's limit on a topic name's length. */
    public static final int MAX_LENGTH = 249;

    /** Digits of the largest uint32 customer id (4294967295). */
    public static final int MAX_CID_DIGITS = 10;

    private TopicNames() {
    }

    /** Why the name is not a legal topic name; null when it is one. */
    public static String problem(String name) {
        if (name.isEmpty()) {
            return "a topic name cannot be empty";
        }
        if (name.equals(".") || name.equals("..")) {
            return "'" + name + "' is not a legal topic name";
        }
        if (name.length() > MAX_LENGTH) {
            return "a topic name has at most " + MAX_LENGTH + " characters, this one " + name.length();
        }
        return illegalChars(name);
    }

    /**
     * Why {@code prefix} followed by any customer id (up to ten digits) is not a legal topic name;
     * null when every such name is legal.
     */
    public static String prefixProblem(String prefix) {
        String chars = illegalChars(prefix);
        if (chars != null) {
            return chars;
        }
        if (prefix.length() + MAX_CID_DIGITS > MAX_LENGTH) {
            return "the prefix plus a customer id of up to " + MAX_CID_DIGITS + " digits must fit Kafka's "
                    + MAX_LENGTH + " characters, so the prefix has at most " + (MAX_LENGTH - MAX_CID_DIGITS)
                    + ", this one " + prefix.length();
        }
        return null;
    }

    private static String illegalChars(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean legal = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == '-';
            if (!legal) {
                return "'" + c + "' at position " + i + " is not allowed in a topic name (only a-z, A-Z, 0-9, '.', "
                        + "'_' and '-')";
            }
        }
        return null;
    }
}
