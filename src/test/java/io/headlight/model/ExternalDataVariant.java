package io.headlight.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** MiniLM re-saved as onnx.save_model writes external data: {@code model.onnx} and one data file beside it. */
public final class ExternalDataVariant {
    /** Tensors at least this large move to the data file, as onnx.save_model does by default. */
    private static final int EXTERNAL_FROM = 1024;

    private ExternalDataVariant() {
    }

    /** Writes the variant into {@code folder} with its data at {@code location}, relative to the folder. */
    public static Path write(Path folder, String location) throws IOException {
        Files.createDirectories(folder);
        Path bundled = Path.of(System.getProperty("headlight.models.dir"), ModelFixtures.MINILM);
        Path onnx;
        Path tokenizer;
        try (var files = Files.list(bundled)) {
            List<Path> all = files.toList();
            onnx = all.stream().filter(p -> p.toString().endsWith(".onnx")).findFirst().orElseThrow();
            tokenizer = all.stream().filter(p -> p.toString().endsWith("tokenizer.json")).findFirst().orElseThrow();
        }
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(onnx));
        GraphProto.Builder graph = model.getGraph().toBuilder();
        long offset = 0;
        try (OutputStream data = Files.newOutputStream(folder.resolve(location).normalize())) {
            for (int i = 0; i < graph.getInitializerCount(); i++) {
                TensorProto t = graph.getInitializer(i);
                if (t.getRawData().size() < EXTERNAL_FROM) {
                    continue;
                }
                t.getRawData().writeTo(data);
                graph.setInitializer(i, t.toBuilder().clearRawData()
                        .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                        .addExternalData(entry("location", location))
                        .addExternalData(entry("offset", String.valueOf(offset)))
                        .addExternalData(entry("length", String.valueOf(t.getRawData().size()))));
                offset += t.getRawData().size();
            }
        }
        Files.write(folder.resolve("model.onnx"), model.toBuilder().setGraph(graph).build().toByteArray());
        Files.copy(tokenizer, folder.resolve("tokenizer.json"));
        assertTrue(Files.size(folder.resolve("model.onnx")) < 1_000_000, "the weights moved out of the graph");
        return folder;
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }
}
