package io.headlight.ui.canvas;

import javafx.geometry.Point2D;

/** A figure of all heads that can say where each head is drawn (for clicks and tests). */
public interface HeadLocator {
    /** Centre of head {@code head} of layer {@code layer}, in figure coordinates. */
    Point2D centerOf(int layer, int head);
}
