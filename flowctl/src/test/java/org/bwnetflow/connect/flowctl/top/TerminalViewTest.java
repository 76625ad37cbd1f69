package org.bwnetflow.connect.flowctl.top;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;

/** The full-screen view on a JLine terminal over streams: what it draws, and the keys it reads. */
class TerminalViewTest {

    @Test
    void drawsFramesCutToTheScreenAndReadsKeysWithoutEnter() throws Exception {
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keyboard);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Terminal terminal = new ExternalTerminal("test", "xterm", in, screen, StandardCharsets.UTF_8);
        terminal.setSize(new Size(20, 4));
        TerminalView view = new TerminalView(terminal);
        List<String> frame = List.of("first line that is longer than twenty", "second", "third", "fourth", "fifth");
        view.show(frame);
        keyboard.write("pq".getBytes(StandardCharsets.US_ASCII));
        keyboard.flush();
        List<Integer> keys = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 5000;
        while (keys.size() < 2 && System.currentTimeMillis() < deadline) {
            int key = view.key();
            if (key != TopView.NO_KEY) {
                keys.add(key);
            }
        }
        view.close();

        assertThat(keys).containsExactly((int) 'p', (int) 'q');
        String drawn = screen.toString(StandardCharsets.UTF_8);
        assertThat(drawn).contains("first line that is l").doesNotContain("first line that is lo");
        assertThat(drawn).contains("second", "third").as("the last row stays free").doesNotContain("fourth");
        assertThat(drawn).as("alternate screen entered and left").contains("\u001b[?1049h", "\u001b[?1049l");
    }
}
