package io.headlight.ui;

import io.headlight.cli.Main;
import io.headlight.model.BundledModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchRequestTest {
    @Test
    void everyPartIsReadInEitherSpelling() {
        LaunchRequest r = LaunchRequest.parse(List.of("--model", "bge-small-zh-v1.5", "--text", "我 喜欢 北京",
                "--text-b=--not an option", "--layer", "3", "--head=7", "--view", "Stats"));
        assertEquals(new LaunchRequest("bge-small-zh-v1.5", "我 喜欢 北京", "--not an option", 3, 7, "Head stats"), r);
    }

    @Test
    void noArgumentsAskForNothing() {
        assertEquals(LaunchRequest.NONE, LaunchRequest.parse(List.of()));
    }

    @Test
    void aFolderOrOnnxFileMayComeFirstWithoutAnOption(@TempDir Path dir) throws Exception {
        Path onnx = Files.createFile(dir.resolve("model.onnx"));
        assertEquals(onnx.toString(), LaunchRequest.parse(List.of(onnx.toString(), "--view", "compare")).model());
        assertEquals(dir.toString(), LaunchRequest.parse(List.of(dir.toString())).model());
        assertEquals(BundledModels.DEFAULT_ID, LaunchRequest.parse(List.of(BundledModels.DEFAULT_ID)).model());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--colour red               | unknown option --colour",
            "--text                     | --text needs a value",
            "--layer two                | --layer takes a number from 0, not 'two'",
            "--head -1                  | --head takes a number from 0, not '-1'",
            "--view table               | unknown view 'table' (heatmap, grid, lines, neuron, stats or compare)",
            "--text a --text b          | --text given twice",
            "/no/such/model             | unknown model '/no/such/model'",
            "--model nope               | unknown model 'nope'",
            "all-MiniLM-L6-v2 --model all-MiniLM-L6-v2 | the model is given twice",
            "all-MiniLM-L6-v2 extra     | unexpected argument 'extra'",
    })
    void aBadArgumentIsOneLineSayingWhatIsWrong(String args, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LaunchRequest.parse(Arrays.asList(args.trim().split(" +"))));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void subcommandsStillGoToTheCommandLine() {
        for (String command : List.of("export", "models", "inspect", "bench", "stats", "--help",
                "--version")) {
            assertTrue(Main.isCommand(new String[] {command, "--x"}), command);
            assertTrue(Main.isCommand(new String[] {"--debug", command}), command);
        }
        assertFalse(Main.isCommand(new String[0]));
        assertFalse(Main.isCommand(new String[] {"--text", "export"}));
        assertFalse(Main.isCommand(new String[] {"./export"}));
    }
}
