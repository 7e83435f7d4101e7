package io.streamlab.labs.fraud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fake credit-card transaction, as the seed's {@code producer.py} makes them: who paid, how much,
 * the time since their previous transaction, and a flag saying it might be fraudulent (1) or not (0).
 */
public record Transaction(String name, String surname, double amount, double deltaT, int flag) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Transaction {
        if (flag != 0 && flag != 1) {
            throw new IllegalArgumentException("a transaction's flag is 0 or 1, got " + flag);
        }
    }

    /**
     * One JSON line, keys in the seed's order:
     * {@code {"name":"Jill","surname":"Millers","amount":736.56,"delta_t":7.78,"flag":0}}.
     */
    public String toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("surname", surname);
        fields.put("amount", amount);
        fields.put("delta_t", deltaT);
        fields.put("flag", flag);
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + this + " as JSON", e);
        }
    }
}
