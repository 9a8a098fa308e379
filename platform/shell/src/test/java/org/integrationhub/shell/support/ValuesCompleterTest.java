package org.integrationhub.shell.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.karaf.shell.api.console.CommandLine;
import org.junit.jupiter.api.Test;

class ValuesCompleterTest {

    private final List<String> words = new ArrayList<>(List.of("wh_b2", "wh_a1", "other"));

    private final ValuesCompleter completer = new ValuesCompleter() {
        @Override
        protected Collection<String> values() {
            return words;
        }
    };

    @Test
    void offersTheWordsThatStartWithWhatIsTyped() {
        List<String> candidates = new ArrayList<>();
        int at = completer.complete(null, typing("hub:webhook-show wh_"), candidates);
        assertThat(candidates).extracting(String::strip).containsExactly("wh_a1", "wh_b2");
        assertThat(at).isEqualTo("hub:webhook-show ".length());
    }

    @Test
    void readsTheWordsAgainEachTime() {
        List<String> candidates = new ArrayList<>();
        completer.complete(null, typing("hub:webhook-show x"), candidates);
        assertThat(candidates).isEmpty();
        words.add("x1");
        completer.complete(null, typing("hub:webhook-show x"), candidates);
        assertThat(candidates).extracting(String::strip).containsExactly("x1");
    }

    /** The command line with the cursor at the end of its last word. */
    private static CommandLine typing(String buffer) {
        String[] args = buffer.split(" ", -1);
        String last = args[args.length - 1];
        return new CommandLine() {
            @Override
            public int getCursorArgumentIndex() {
                return args.length - 1;
            }

            @Override
            public String getCursorArgument() {
                return last;
            }

            @Override
            public int getArgumentPosition() {
                return last.length();
            }

            @Override
            public String[] getArguments() {
                return args;
            }

            @Override
            public int getBufferPosition() {
                return buffer.length();
            }

            @Override
            public String getBuffer() {
                return buffer;
            }
        };
    }
}
