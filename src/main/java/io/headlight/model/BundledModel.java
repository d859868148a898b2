package io.headlight.model;

/**
 * One of the pretrained models that ship with Headlight.
 *
 * @param id          what a user types ({@code --model all-MiniLM-L6-v2}); also its folder under
 *                    {@link BundledModels#modelsDir()}
 * @param displayName the name shown in the model picker
 * @param language    the language the model was trained for
 * @param layers      number of Transformer layers
 * @param heads       attention heads per layer
 * @param artifact    the Maven Central coordinates its files are unpacked from at build time
 * @param license     SPDX identifier of the model's licence
 */
public record BundledModel(String id, String displayName, String language, int layers, int heads,
                           String artifact, String license) {

    /** The model's files in the models folder; fails when they were not installed. */
    public ModelSource source() throws HeadlightException {
        return ModelSource.bundled(this, BundledModels.modelsDir().resolve(id));
    }
}
