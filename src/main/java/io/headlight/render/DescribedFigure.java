package io.headlight.render;

import java.util.List;

/** What a drawn figure shows, in words: its title and its token labels (for the status bar and tests). */
public interface DescribedFigure {
    String title();

    List<String> labels();
}
