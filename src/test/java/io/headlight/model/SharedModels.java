package io.headlight.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bundled models opened once per test JVM: opening one takes seconds and test classes only read from
 * them. They are closed when the JVM exits.
 */
public final class SharedModels {
    private static final Map<String, AttentionModel> OPEN = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.values().forEach(AttentionModel::close)));
    }

    private SharedModels() {
    }

    /** The opened bundled model; fails loudly when its files are missing. */
    public static synchronized AttentionModel get(String id) throws HeadlightException {
        AttentionModel model = OPEN.get(id);
        if (model == null) {
            model = AttentionModel.open(ModelSource.resolve(id));
            OPEN.put(id, model);
        }
        return model;
    }
}
