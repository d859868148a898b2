package io.headlight.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * What {@link GraphSurgeon} found in a model, saved beside the model's {@link OptimizedGraphCache} entry: the
 * names to ask ONNX Runtime for, the scales, forms and sizes. With it a warm open skips parsing and editing the
 * graph (0.4 s of the 1.2 s an {@code export} of all-MiniLM-L6-v2 took, more on larger models) and starts the
 * session on the cached entry straight away.
 *
 * <p>The file ends with a CRC32 of what precedes it, so a half-written or damaged plan reads as no plan; files are
 * written to a part file and moved into place, so a concurrent start reads a whole plan or none.
 *
 * @param ortVersion the ONNX Runtime version the entry was optimized by
 * @param model      the model file the plan was made from, as it was then
 * @param entryName  the file name of the cache entry the plan belongs to
 * @param graph      the edited graph without its model
 */
record PlanFile(String ortVersion, OptimizedGraphCache.Fingerprint model, String entryName, EditedGraph graph) {
    private static final String FORMAT = "headlight-plan/1";
    private static final int ABSENT = -1;

    /** The plan saved at {@code file}, or empty when there is none or it is damaged (then it is deleted). */
    static Optional<PlanFile> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        try {
            if (bytes.length < Long.BYTES) {
                throw new IOException("too short");
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, bytes.length - Long.BYTES);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            in.skipNBytes(bytes.length - Long.BYTES);
            if (in.readLong() != crc.getValue()) {
                throw new IOException("checksum");
            }
            in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - Long.BYTES));
            if (!FORMAT.equals(in.readUTF())) {
                throw new IOException("another format");
            }
            String version = in.readUTF();
            OptimizedGraphCache.Fingerprint model = new OptimizedGraphCache.Fingerprint(in.readLong(), in.readLong(),
                    in.readLong());
            return Optional.of(new PlanFile(version, model, in.readUTF(), readGraph(in)));
        } catch (IOException | RuntimeException damaged) {
            PartFiles.discard(file);
            return Optional.empty();
        }
    }

    /** Saves the plan at {@code file} through a part file in its folder; a failure leaves no plan, and no error. */
    void write(Path file) {
        Path part = null;
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeUTF(FORMAT);
            out.writeUTF(ortVersion);
            out.writeLong(model.size());
            out.writeLong(model.modified());
            out.writeLong(model.crc());
            out.writeUTF(entryName);
            writeGraph(out, graph);
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            out.flush();
            part = PartFiles.create(file.getParent());
            Files.write(part, bytes.toByteArray());
            try {
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            // without a plan the next open edits the graph again; nothing else is lost
        } finally {
            if (part != null) {
                PartFiles.discard(part);
            }
        }
    }

    private static void writeGraph(DataOutputStream out, EditedGraph g) throws IOException {
        writeList(out, g.inputs());
        writeList(out, g.attentionOutputs());
        out.writeBoolean(g.stacked());
        writeList(out, g.queryOutputs());
        writeList(out, g.keyOutputs());
        out.writeInt(g.scoreScales().length);
        for (float scale : g.scoreScales()) {
            out.writeFloat(scale);
        }
        writeString(out, g.hiddenOutput());
        out.writeInt(g.embeddings().vocabRows());
        out.writeInt(g.embeddings().maxPositions());
        out.writeInt(g.embeddings().hiddenSize());
        writeList(out, g.forms());
        out.writeUTF(g.elementType());
        writeList(out, g.quantizedOps());
        NormPlan n = g.norms();
        writeList(out, n.grams());
        writeList(out, n.transformed());
        writeList(out, n.dense());
        writeList(out, n.projected());
        writeList(out, n.biases());
        writeString(out, n.switchInput());
        writeString(out, n.unavailable());
    }

    private static EditedGraph readGraph(DataInputStream in) throws IOException {
        List<String> inputs = readList(in);
        List<String> attention = readList(in);
        boolean stacked = in.readBoolean();
        List<String> queries = readList(in);
        List<String> keys = readList(in);
        float[] scales = new float[in.readInt()];
        for (int i = 0; i < scales.length; i++) {
            scales[i] = in.readFloat();
        }
        String hidden = readString(in);
        EmbeddingTables embeddings = new EmbeddingTables(in.readInt(), in.readInt(), in.readInt());
        List<String> forms = readList(in);
        String elementType = in.readUTF();
        List<String> quantized = readList(in);
        NormPlan norms = new NormPlan(readList(in), readList(in), readList(in), readList(in), readList(in),
                readString(in), readString(in), List.of());
        if (in.available() != 0) {
            throw new IOException("trailing bytes");
        }
        return new EditedGraph(null, inputs, attention, stacked, queries, keys, scales, hidden, embeddings, forms,
                elementType, quantized, norms);
    }

    private static void writeList(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            writeString(out, value);
        }
    }

    /** Lists may hold nulls (a layer without a bias): they read back as such, unlike {@code List.copyOf}. */
    private static List<String> readList(DataInputStream in) throws IOException {
        int size = in.readInt();
        if (size < 0 || size > in.available()) {
            throw new IOException("bad list size " + size);
        }
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(readString(in));
        }
        return java.util.Collections.unmodifiableList(values);
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(ABSENT);
            return;
        }
        byte[] utf8 = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == ABSENT) {
            return null;
        }
        if (length < 0 || length > in.available()) {
            throw new IOException("bad string length " + length);
        }
        return new String(in.readNBytes(length), java.nio.charset.StandardCharsets.UTF_8);
    }
}
