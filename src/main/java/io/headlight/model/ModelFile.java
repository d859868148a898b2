package io.headlight.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import shade.com.google.protobuf.CodedInputStream;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@code .onnx} file read for opening: mapped and parsed in place, so the weights (90 to 450 MB) are never
 * copied onto the Java heap; each initializer's bytes alias the mapping until the parsed model is dropped.
 *
 * <p>Weights kept in external data ({@code model.onnx} + {@code model.onnx_data}, as exporters write past
 * 2 GB) are named relative to the model's folder; a location that leads out of the folder is refused, since
 * a model file should not make Headlight read arbitrary files.
 */
final class ModelFile {
    private static final String LOCATION = "location";

    private ModelFile() {
    }

    /**
     * Parses a model file in place.
     *
     * @throws HeadlightException when it cannot be read or is not an ONNX model
     */
    static ModelProto parse(Path file, String label) throws HeadlightException {
        MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() > Integer.MAX_VALUE) {
                throw new HeadlightException(label + " is larger than 2 GB, which an ONNX file cannot be; "
                        + "save its weights as external data (model.onnx + model.onnx_data)");
            }
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        } catch (IOException e) {
            throw new HeadlightException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            CodedInputStream input = CodedInputStream.newInstance(mapped);
            input.enableAliasing(true);
            return ModelProto.parseFrom(input);
        } catch (IOException e) {
            // A buffer never fails to read: this is InvalidProtocolBufferException, the bytes are not a model.
            throw GraphSurgeon.notOnnx(label, e);
        }
    }

    /**
     * The external data files a model's initializers name, resolved against the model's folder.
     *
     * @throws HeadlightException when a location leads out of the folder or the file is missing
     */
    static List<Path> externalData(ModelProto model, Path folder, String label) throws HeadlightException {
        Set<Path> files = new LinkedHashSet<>();
        GraphProto graph = model.getGraph();
        for (TensorProto tensor : graph.getInitializerList()) {
            if (tensor.getDataLocation() != TensorProto.DataLocation.EXTERNAL) {
                continue;
            }
            String location = null;
            for (StringStringEntryProto entry : tensor.getExternalDataList()) {
                if (entry.getKey().equals(LOCATION)) {
                    location = entry.getValue();
                }
            }
            files.add(resolve(folder, location, tensor.getName(), label));
        }
        return new ArrayList<>(files);
    }

    private static Path resolve(Path folder, String location, String tensor, String label)
            throws HeadlightException {
        Path base = folder.toAbsolutePath().normalize();
        Path file;
        try {
            file = location == null || location.isEmpty() ? null : base.resolve(location).normalize();
        } catch (InvalidPathException e) {
            file = null;
        }
        if (file == null) {
            throw new HeadlightException(label + " keeps the weights of " + tensor + " in external data but names "
                    + "no valid file for them ('" + location + "')");
        }
        if (!file.startsWith(base) || Path.of(location).isAbsolute()) {
            throw new HeadlightException(label + " refers to external data outside its folder ('" + location
                    + "'); external data files must sit beside the model");
        }
        if (!Files.isRegularFile(file)) {
            throw new HeadlightException(label + " keeps its weights in " + location + ", which is missing from "
                    + base + "; copy it beside the model");
        }
        return file;
    }
}
