package org.pipelineledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pipelineledger.app.PipelineLedgerApplication.CONSOLE_MESSAGE_DISABLED;
import static org.pipelineledger.app.PipelineLedgerApplication.UPDATE_CHECKER_DISABLED;

import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The packaged application keeps Axon's update checker and console banner off unless told otherwise. */
class NetworkDefaultsTest {

    private Properties saved;

    @BeforeEach
    void clear() {
        saved = (Properties) System.getProperties().clone();
        System.clearProperty(UPDATE_CHECKER_DISABLED);
        System.clearProperty(CONSOLE_MESSAGE_DISABLED);
    }

    @AfterEach
    void restore() {
        System.setProperties(saved);
    }

    @Test
    void bothSwitchesDefaultToOff() {
        PipelineLedgerApplication.keepAxonOffTheNetwork();

        assertThat(System.getProperty(UPDATE_CHECKER_DISABLED)).isEqualTo("true");
        assertThat(System.getProperty(CONSOLE_MESSAGE_DISABLED)).isEqualTo("true");
    }

    @Test
    void aCommandLineChoiceWins() {
        System.setProperty(UPDATE_CHECKER_DISABLED, "false");

        PipelineLedgerApplication.keepAxonOffTheNetwork();

        assertThat(System.getProperty(UPDATE_CHECKER_DISABLED)).isEqualTo("false");
        assertThat(System.getProperty(CONSOLE_MESSAGE_DISABLED)).isEqualTo("true");
    }
}
