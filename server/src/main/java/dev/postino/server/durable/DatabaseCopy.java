package dev.postino.server.durable;

import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Copies every table of the durable server's database into another database whose tables the
 * same JPA mapping created ({@link JpaStoreModule#open}) — the move from embedded Derby to
 * PostgreSQL. Rows are copied as they are: mailbox ids, UIDs and UIDVALIDITY, modseqs, password
 * hashes, Sieve scripts, mail repositories, and OpenJPA's id allocator ({@value #SEQUENCE_TABLE}),
 * so mail clients need not resynchronise and the search index (keyed by mailbox id and UID)
 * stays valid. Values are converted by the target column's type (Derby keeps booleans as
 * SMALLINT, PostgreSQL as BOOLEAN; BLOB becomes BYTEA).
 *
 * <p>The target must be empty: a copy never merges. Everything is written in one transaction on
 * the target, and row counts are compared before it commits, so a failed copy leaves the target
 * as it was.
 */
public final class DatabaseCopy {
    /** OpenJPA's table sequence: the next ids to hand out. Replaced, never merged. */
    static final String SEQUENCE_TABLE = "OPENJPA_SEQUENCE_TABLE";
    /** A table every Postino database has: without it the source is not ours (or empty). */
    private static final String MARKER_TABLE = "JAMES_USER";
    private static final int BATCH_ROWS = 200;
    private static final long BATCH_CHARS = 16L << 20;

    private DatabaseCopy() {
    }

    /**
     * Copies {@code source} into {@code target} and commits.
     *
     * @return rows copied per table (upper-case name), in copy order
     * @throws IllegalStateException naming the table when the databases do not match or the target holds data
     */
    public static Map<String, Long> copy(Connection source, Connection target) throws SQLException {
        Map<String, String> from = tables(source);
        Map<String, String> to = tables(target);
        if (!from.containsKey(MARKER_TABLE)) {
            throw new IllegalStateException("the source database has no " + MARKER_TABLE
                + " table: it is not a Postino database, or the server never started on it");
        }
        for (String table : from.keySet()) {
            if (!to.containsKey(table)) {
                throw new IllegalStateException("table " + table + " of the source is missing in the target");
            }
        }
        for (String table : from.keySet()) {
            long rows = count(target, to.get(table));
            if (rows > 0 && !table.equals(SEQUENCE_TABLE)) {
                throw new IllegalStateException("the target database is not empty (table " + table + " has " + rows
                    + " rows): migrate into a new, empty database");
            }
        }
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(false);
        try {
            Map<String, Long> copied = new LinkedHashMap<>();
            for (String table : dependencyOrder(target, from.keySet(), to)) {
                if (table.equals(SEQUENCE_TABLE)) {
                    try (Statement delete = target.createStatement()) {
                        delete.executeUpdate("DELETE FROM " + quote(target, to.get(table)));
                    }
                }
                long rows = copyTable(source, from.get(table), target, to.get(table));
                long written = count(target, to.get(table));
                if (written != rows) {
                    throw new IllegalStateException("table " + table + ": " + rows + " rows read, " + written + " in the target");
                }
                copied.put(table, rows);
            }
            target.commit();
            return copied;
        } catch (SQLException | RuntimeException e) {
            target.rollback();
            throw e;
        } finally {
            target.setAutoCommit(autoCommit);
        }
    }

    /** Upper-case name → the name as the database spells it, for the connection's schema. */
    private static Map<String, String> tables(Connection connection) throws SQLException {
        Map<String, String> tables = new TreeMap<>();
        try (ResultSet rs = connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                tables.put(name.toUpperCase(Locale.ROOT), name);
            }
        }
        return tables;
    }

    /** Parents before children (the target's foreign keys), so every insert finds its referenced row. */
    private static List<String> dependencyOrder(Connection target, Set<String> tables, Map<String, String> names)
        throws SQLException {
        Map<String, Set<String>> parents = new TreeMap<>();
        DatabaseMetaData meta = target.getMetaData();
        for (String table : tables) {
            Set<String> referenced = new LinkedHashSet<>();
            try (ResultSet rs = meta.getImportedKeys(null, target.getSchema(), names.get(table))) {
                while (rs.next()) {
                    String parent = rs.getString("PKTABLE_NAME").toUpperCase(Locale.ROOT);
                    if (!parent.equals(table) && tables.contains(parent)) {
                        referenced.add(parent);
                    }
                }
            }
            parents.put(table, referenced);
        }
        List<String> order = new ArrayList<>();
        while (order.size() < tables.size()) {
            boolean progress = false;
            for (Map.Entry<String, Set<String>> entry : parents.entrySet()) {
                if (!order.contains(entry.getKey()) && order.containsAll(entry.getValue())) {
                    order.add(entry.getKey());
                    progress = true;
                }
            }
            if (!progress) {
                throw new IllegalStateException("foreign keys form a cycle among " + parents);
            }
        }
        return order;
    }

    private static long copyTable(Connection source, String sourceTable, Connection target, String targetTable)
        throws SQLException {
        List<Column> columns = columns(source, sourceTable, target, targetTable);
        StringJoiner selected = new StringJoiner(", ");
        StringJoiner inserted = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ");
        for (Column column : columns) {
            selected.add(quote(source, column.sourceName));
            inserted.add(quote(target, column.targetName));
            marks.add("?");
        }
        String select = "SELECT " + selected + " FROM " + quote(source, sourceTable);
        String insert = "INSERT INTO " + quote(target, targetTable) + " (" + inserted + ") VALUES (" + marks + ")";
        long rows = 0;
        try (Statement read = source.createStatement();
             ResultSet rs = read.executeQuery(select);
             PreparedStatement write = target.prepareStatement(insert)) {
            int batched = 0;
            long batchedChars = 0;
            while (rs.next()) {
                for (int i = 0; i < columns.size(); i++) {
                    batchedChars += transfer(rs.getObject(i + 1), write, i + 1, columns.get(i).targetType);
                }
                write.addBatch();
                rows++;
                if (++batched >= BATCH_ROWS || batchedChars >= BATCH_CHARS) {
                    write.executeBatch();
                    batched = 0;
                    batchedChars = 0;
                }
            }
            if (batched > 0) {
                write.executeBatch();
            }
        }
        return rows;
    }

    /** A source column and its counterpart in the target (matched ignoring case). */
    private static final class Column {
        final String sourceName;
        final String targetName;
        final int targetType;

        Column(String sourceName, String targetName, int targetType) {
            this.sourceName = sourceName;
            this.targetName = targetName;
            this.targetType = targetType;
        }
    }

    private static List<Column> columns(Connection source, String sourceTable, Connection target, String targetTable)
        throws SQLException {
        Map<String, String> targetNames = new TreeMap<>();
        Map<String, Integer> targetTypes = new TreeMap<>();
        try (ResultSet rs = target.getMetaData().getColumns(null, target.getSchema(), targetTable, "%")) {
            while (rs.next()) {
                String name = rs.getString("COLUMN_NAME");
                targetNames.put(name.toUpperCase(Locale.ROOT), name);
                targetTypes.put(name.toUpperCase(Locale.ROOT), rs.getInt("DATA_TYPE"));
            }
        }
        List<Column> columns = new ArrayList<>();
        try (ResultSet rs = source.getMetaData().getColumns(null, source.getSchema(), sourceTable, "%")) {
            while (rs.next()) {
                String name = rs.getString("COLUMN_NAME");
                String key = name.toUpperCase(Locale.ROOT);
                if (!targetNames.containsKey(key)) {
                    throw new IllegalStateException("column " + sourceTable + "." + name + " of the source is missing in the target");
                }
                columns.add(new Column(name, targetNames.get(key), targetTypes.get(key)));
            }
        }
        return columns;
    }

    /** Sets one parameter from a source value, converted to the target column's type; returns its size in chars/bytes. */
    private static long transfer(Object value, PreparedStatement write, int index, int targetType) throws SQLException {
        if (value == null) {
            write.setNull(index, targetType);
            return 0;
        }
        if (value instanceof Blob) {
            Blob blob = (Blob) value;
            value = blob.getBytes(1, Math.toIntExact(blob.length()));
        } else if (value instanceof Clob) {
            Clob clob = (Clob) value;
            value = clob.getSubString(1, Math.toIntExact(clob.length()));
        }
        switch (targetType) {
            case Types.BOOLEAN:
            case Types.BIT:
                write.setBoolean(index, value instanceof Number ? ((Number) value).intValue() != 0 : (Boolean) value);
                return 1;
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                write.setBytes(index, (byte[]) value);
                return ((byte[]) value).length;
            case Types.CHAR:
            case Types.VARCHAR:
            case Types.LONGVARCHAR:
            case Types.CLOB:
                write.setString(index, value.toString());
                return value.toString().length();
            default:
                write.setObject(index, value, targetType);
                return 8;
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + quote(connection, table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The identifier as the database spelt it, quoted, so neither side folds its case. */
    private static String quote(Connection connection, String identifier) throws SQLException {
        String quote = connection.getMetaData().getIdentifierQuoteString().trim();
        return quote + identifier + quote;
    }
}
