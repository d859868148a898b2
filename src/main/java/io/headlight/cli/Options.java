package io.headlight.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} and {@code --flag} options of one subcommand, checked against what the command
 * accepts so that a typo is reported instead of silently ignored.
 */
public final class Options {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> flags = new HashSet<>();

    private Options() {
    }

    /**
     * @param withValue options that take a value ({@code "model"} for {@code --model X})
     * @param flagNames options that take none ({@code "rollout"} for {@code --rollout})
     * @throws UsageException on an unknown option, a missing value or a stray argument
     */
    public static Options parse(String[] args, Set<String> withValue, Set<String> flagNames) throws UsageException {
        Options options = new Options();
        List<String> rest = new ArrayList<>(List.of(args));
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String inlineValue = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inlineValue = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flagNames.contains(name) && inlineValue == null) {
                options.flags.add(name);
            } else if (withValue.contains(name)) {
                String value = inlineValue;
                if (value == null) {
                    if (i + 1 >= rest.size()) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = rest.get(++i);
                }
                if (options.values.put(name, value) != null) {
                    throw new UsageException("--" + name + " given twice");
                }
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return options;
    }

    public boolean has(String flag) {
        return flags.contains(flag) || values.containsKey(flag);
    }

    /** The value of an option, or null when it was not given. */
    public String get(String name) {
        return values.get(name);
    }

    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public String require(String name) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            throw new UsageException("missing --" + name);
        }
        return value;
    }

    public int intValue(String name, int fallback) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " takes a whole number, not '" + value + "'");
        }
    }

    /** A command line that cannot be understood; its message is the one line shown to the user. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }
}
