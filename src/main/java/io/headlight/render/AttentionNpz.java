package io.headlight.render;

import io.headlight.analysis.NormAttention;
import io.headlight.model.AttentionResult;
import io.headlight.model.Encoding;
import io.headlight.model.Token;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.function.IntFunction;
import java.util.zip.ZipOutputStream;

/**
 * A result with everything needed to label it, as a NumPy {@code .npz} ({@code numpy.load} reads it): a zip of
 * uncompressed {@code .npy} members {@code attentions} (float32, L x H x T x T), {@code tokens} (unicode, T),
 * {@code input_ids} and the model's other inputs (int64, T), {@code model}, {@code text}, {@code text_b}
 * (0-d unicode) and the shown {@code layer} and {@code head} (0-d int64). Members over 4 GiB are written as ZIP64.
 * With {@code norms}, also norm-based attention ({@link NormAttention}): {@code norms} (float32, L x H x T x T,
 * {@code α ‖f_h(x_j)‖}) and {@code layer_norms} (float32, L x T x T, {@code ‖Σ_h α f_h(x_j)‖}).
 *
 * @param inputNames the inputs the model took ({@code AttentionModel.inputNames()}); each becomes a member
 * @param textB      the second sentence, or null (written as an empty string)
 * @param norms      whether to add the norm members; the result must carry norms ({@link NormAttention#available})
 */
public record AttentionNpz(AttentionResult result, List<String> inputNames, String text, String textB, int layer,
                           int head, boolean norms) {

    /** The weights and labels, without norms. */
    public AttentionNpz(AttentionResult result, List<String> inputNames, String text, String textB, int layer,
                        int head) {
        this(result, inputNames, text, textB, layer, head, false);
    }

    public AttentionNpz {
        if (norms && !NormAttention.available(result)) {
            throw new IllegalArgumentException("this result carries no norms ‖α f(x)‖ to write");
        }
        inputNames = List.copyOf(inputNames);
        if (!inputNames.contains("input_ids")) {
            List<String> withIds = new ArrayList<>(List.of("input_ids"));
            withIds.addAll(inputNames);
            inputNames = List.copyOf(withIds);
        }
    }

    /** The member names in the order they are written, without {@code .npy}. */
    public List<String> members() {
        List<String> names = new ArrayList<>(norms ? List.of("attentions", "norms", "layer_norms", "tokens")
                : List.of("attentions", "tokens"));
        names.addAll(inputNames);
        names.addAll(List.of("model", "text", "text_b", "layer", "head"));
        return names;
    }

    public void write(Path file) throws IOException {
        AttentionResult r = result;
        Encoding encoding = new Encoding(r.tokens(), r.truncated());
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            int t = r.length();
            floats(zip, "attentions", new long[] {r.layers(), r.heads(), t, t}, 1, i -> r.attentionBuffer());
            if (norms) {
                floats(zip, "norms", new long[] {r.layers(), r.heads(), t, t}, r.layers() * r.heads(),
                        i -> FloatBuffer.wrap(NormAttention.headMatrix(r, i / r.heads(), i % r.heads())));
                float[][] mixed = NormAttention.layerMatrices(r);
                floats(zip, "layer_norms", new long[] {r.layers(), t, t}, r.layers(), i -> FloatBuffer.wrap(mixed[i]));
            }
            stored(zip, "tokens", unicode(r.tokens().stream().map(Token::text).toList(), r.length()));
            for (String name : inputNames) {
                stored(zip, name, int64(encoding.input(name), r.length()));
            }
            stored(zip, "model", unicode(List.of(r.modelId())));
            stored(zip, "text", unicode(List.of(text == null ? "" : text)));
            stored(zip, "text_b", unicode(List.of(textB == null ? "" : textB)));
            stored(zip, "layer", int64(new long[] {layer}));
            stored(zip, "head", int64(new long[] {head}));
        }
    }

    /**
     * A float32 member made of {@code count} parts in order, streamed twice, once for the CRC a stored entry needs
     * up front, once into the zip; a part may be computed each time rather than held.
     */
    private static void floats(ZipOutputStream zip, String name, long[] shape, int count, IntFunction<FloatBuffer> part)
            throws IOException {
        byte[] header = NpyHeader.of("<f4", shape);
        CRC32 crc = new CRC32();
        crc.update(header);
        long size = header.length;
        for (int i = 0; i < count; i++) {
            FloatBuffer p = part.apply(i);
            size += 4L * p.remaining();
            LittleEndianFloats.forEachChunk(p, crc::update);
        }
        zip.putNextEntry(entry(name, size, crc.getValue()));
        zip.write(header);
        for (int i = 0; i < count; i++) {
            LittleEndianFloats.forEachChunk(part.apply(i), chunk -> write(zip, chunk));
        }
        zip.closeEntry();
    }

    private static void write(OutputStream out, ByteBuffer chunk) throws IOException {
        out.write(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
    }

    private static void stored(ZipOutputStream zip, String name, byte[] npy) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(npy);
        zip.putNextEntry(entry(name, npy.length, crc.getValue()));
        zip.write(npy);
        zip.closeEntry();
    }

    private static ZipEntry entry(String name, long size, long crc) {
        ZipEntry e = new ZipEntry(name + ".npy");
        e.setMethod(ZipEntry.STORED);
        e.setSize(size);
        e.setCompressedSize(size);
        e.setCrc(crc);
        return e;
    }

    /** int64 values; a 0-d array when no shape is given. */
    private static byte[] int64(long[] values, long... shape) {
        byte[] header = NpyHeader.of("<i8", shape);
        ByteBuffer b = ByteBuffer.allocate(header.length + 8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(header);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    /**
     * Strings as numpy's fixed-width unicode ({@code <Un}: n UTF-32 code units each, zero-padded); one string
     * without a shape is a 0-d array, as {@code numpy.array("text")} is.
     */
    private static byte[] unicode(List<String> values, long... shape) {
        int width = 1;
        for (String s : values) {
            width = Math.max(width, s.codePointCount(0, s.length()));
        }
        byte[] header = NpyHeader.of("<U" + width, shape);
        ByteBuffer b = ByteBuffer.allocate(header.length + 4 * width * values.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(header);
        for (String s : values) {
            int start = b.position();
            s.codePoints().forEach(b::putInt);
            b.position(start + 4 * width);
        }
        return b.array();
    }
}
