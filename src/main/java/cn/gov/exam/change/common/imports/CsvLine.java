package cn.gov.exam.change.common.imports;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A CSV data line read by its header's names, over the line's cells as the parser gave them: no
 * map is built per line (an import of millions of lines spent a fifth of its time building two).
 * A name the header repeats reads its last column, as a map built from the line would.
 */
final class CsvLine extends AbstractMap<String, Object> {
    private final Map<String, Integer> columns;
    private final String[] cells;

    private CsvLine(Map<String, Integer> columns, String[] cells) {
        this.columns = columns;
        this.cells = cells;
    }

    /** The header's names with the index of the column each reads. */
    static Map<String, Integer> columns(String[] header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            columns.put(header[i], i);
        }
        return columns;
    }

    static CsvLine of(Map<String, Integer> columns, String[] cells) {
        return new CsvLine(columns, cells);
    }

    @Override
    public Object get(Object name) {
        Integer i = columns.get(name);
        return i == null || i >= cells.length ? null : cells[i];
    }

    @Override
    public boolean containsKey(Object name) {
        Integer i = columns.get(name);
        return i != null && i < cells.length;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Set<Entry<String, Object>> entries = new LinkedHashSet<>();
        columns.forEach((name, i) -> {
            if (i < cells.length) {
                entries.add(new SimpleImmutableEntry<>(name, cells[i]));
            }
        });
        return entries;
    }
}
