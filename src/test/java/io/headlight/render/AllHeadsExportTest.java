package io.headlight.render;

import io.headlight.model.AttentionResult;
import io.headlight.model.SharedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AllHeadsExportTest {
    private static AllHeadsExport export(AttentionResult r, FigureKind view, boolean svg) {
        return new AllHeadsExport(r, view, 0, ColorMap.YLGNBU, "Four heads each.", null, FigureOptions.PLAIN, svg, 1);
    }

    private static List<Path> written(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    @Test
    void writesEveryLayerAndHeadAsTheFigureOfThatHead(@TempDir Path dir) throws Exception {
        AttentionResult r = SharedModels.get("bge-small-zh-v1.5").explain("Four heads each.", null);
        AllHeadsExport export = export(r, FigureKind.HEATMAP, false);
        List<int[]> progress = new ArrayList<>();
        assertEquals(r.layers() * r.heads(), export.write(dir, () -> false, (d, t) -> progress.add(new int[] {d, t})));
        List<Path> files = written(dir);
        assertEquals(export.files(dir), files);
        assertEquals("heatmap-L0-H0.png", files.get(0).getFileName().toString());
        assertEquals("heatmap-L" + (r.layers() - 1) + "-H" + (r.heads() - 1) + ".png",
                files.get(files.size() - 1).getFileName().toString());
        assertEquals(files.size(), progress.size());
        assertEquals(files.size(), progress.get(progress.size() - 1)[0]);

        // The file for layer 2, head 5 is that head's heatmap, pixel for pixel.
        SurfaceFigure figure = FigureKind.HEATMAP.figure(r, 2, 5, 0, ColorMap.YLGNBU, "Four heads each.", null,
                FigureOptions.PLAIN);
        PngSurface png = new PngSurface((int) Math.ceil(figure.width()), (int) Math.ceil(figure.height()), 1,
                FigureKind.BACKGROUND);
        figure.draw(png);
        BufferedImage read = ImageIO.read(dir.resolve("heatmap-L2-H5.png").toFile());
        assertNotNull(read);
        assertEquals(png.image().getWidth(), read.getWidth());
        for (int y = 0; y < read.getHeight(); y += 7) {
            for (int x = 0; x < read.getWidth(); x += 7) {
                assertEquals(png.image().getRGB(x, y), read.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void cancellingKeepsTheFilesWrittenSoFarAndStops(@TempDir Path dir) throws Exception {
        AttentionResult r = SharedModels.get("bge-small-zh-v1.5").explain("Stop early.", null);
        AllHeadsExport export = export(r, FigureKind.LINES, true);
        int[] seen = {0};
        int done = export.write(dir, () -> seen[0] >= 5, (d, t) -> seen[0] = d);
        assertEquals(5, done);
        assertEquals(export.files(dir).subList(0, 5), written(dir));
    }

    @Test
    void theModelViewIsRefusedSinceItShowsEveryHeadAlready() throws Exception {
        AttentionResult r = SharedModels.get("bge-small-zh-v1.5").explain("Grid.", null);
        assertThrows(IllegalArgumentException.class, () -> export(r, FigureKind.GRID, false));
    }
}
