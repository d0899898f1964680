package org.queueanalytics.sqlcompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.queueanalytics.sqlcompat.chdb.ChDb;
import org.queueanalytics.sqlcompat.chdb.ChDbException;
import org.queueanalytics.sqlcompat.chdb.ChDbExtension;

/** The engine this tier proves the SQL on: current ClickHouse, in process. */
@ExtendWith(ChDbExtension.class)
class ChDbEngineIT {
    @Test
    void theEngineIsClickHouse26Point7(ChDb chdb) throws Exception {
        assertThat(chdb.query("SELECT version()").strip()).startsWith("26.7.");
    }

    @Test
    void aRefusedStatementFailsWithTheEnginesCodeAndMessage(ChDb chdb) {
        assertThatThrownBy(() -> chdb.query("SELECT * FROM no_such_database.no_such_table"))
                .isInstanceOfSatisfying(ChDbException.class, e -> {
                    assertThat(e.code()).hasValue(81); // UNKNOWN_DATABASE
                    assertThat(e.getMessage()).contains("no_such_database");
                });
    }
}
