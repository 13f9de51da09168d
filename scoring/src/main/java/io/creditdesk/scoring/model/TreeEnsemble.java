package io.creditdesk.scoring.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only, pure-Java copy of a trained two-class XGBoost model (Tribuo trains {@code multi:softprob} with
 * two classes, so trees alternate between class 0 and class 1), read from the booster's JSON dump with
 * statistics.
 * <p>
 * Why: one JNI call costs about 150 µs and XGBoost's TreeSHAP several hundred more, too slow for scoring a single
 * customer in the service. Walking the trees in Java takes a few microseconds. The copy is checked against
 * Tribuo's own prediction when it is built ({@link ScoringModel} refuses a model whose copy disagrees).
 * <p>
 * Reason codes use <b>Saabas path attributions</b> (what XGBoost calls {@code approx_contribs}): along the path
 * a customer takes through each tree, the change in the node's expected value (cover-weighted mean of its leaves)
 * is credited to the feature split on. Per tree these sum exactly to leaf value minus root expectation, so over
 * the ensemble they sum, with the bias, to the model's log-odds, like TreeSHAP; unlike TreeSHAP they credit
 * features by their position in the tree rather than by averaging over orderings (a documented surrogate).
 */
final class TreeEnsemble {

    /** All trees flattened for locality: per node {feature (-1 = leaf), yes, no, missing} as absolute indices. */
    private final int[] nodes;
    private final float[] threshold;
    private final double[] value;
    private final int[] roots;
    private final int[] treeClass;
    private final int positive;
    private final ImmutableFeatureMap featureMap;

    private record Tree(int[] feature, float[] threshold, int[] yes, int[] no, int[] missing, double[] value,
                        boolean[] leaf) {
    }

    TreeEnsemble(XGBoostModel<Label> model, Label positiveLabel) {
        this.featureMap = model.getFeatureIDMap();
        this.positive = model.getOutputIDInfo().getID(positiveLabel);
        int classes = model.getOutputIDInfo().size();
        if (classes != 2) {
            throw new IllegalArgumentException("expected a two-class model, got " + classes + " classes");
        }
        Booster booster = model.getInnerModels().get(0);
        String[] dump;
        try {
            dump = booster.getModelDump((String) null, true, "json");
        } catch (XGBoostError e) {
            throw new IllegalStateException("cannot read the XGBoost trees", e);
        }
        ObjectMapper json = new ObjectMapper();
        Tree[] trees = new Tree[dump.length];
        treeClass = new int[dump.length];
        roots = new int[dump.length];
        int total = 0;
        for (int t = 0; t < dump.length; t++) {
            try {
                trees[t] = parse(json.readTree(dump[t]));
            } catch (IOException e) {
                throw new IllegalStateException("cannot parse XGBoost tree " + t, e);
            }
            treeClass[t] = t % classes;
            roots[t] = total;
            total += trees[t].leaf.length;
        }
        nodes = new int[4 * total];
        threshold = new float[total];
        value = new double[total];
        for (int t = 0; t < trees.length; t++) {
            Tree tree = trees[t];
            int base = roots[t];
            for (int i = 0; i < tree.leaf.length; i++) {
                int g = base + i;
                nodes[4 * g] = tree.leaf[i] ? -1 : tree.feature[i];
                nodes[4 * g + 1] = base + tree.yes[i];
                nodes[4 * g + 2] = base + tree.no[i];
                nodes[4 * g + 3] = base + tree.missing[i];
                threshold[g] = tree.threshold[i];
                value[g] = tree.value[i];
            }
        }
    }

    private static Tree parse(JsonNode root) {
        Map<Integer, JsonNode> nodes = new HashMap<>();
        collect(root, nodes);
        int n = nodes.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        int[] feature = new int[n];
        float[] threshold = new float[n];
        int[] yes = new int[n];
        int[] no = new int[n];
        int[] missing = new int[n];
        double[] value = new double[n];
        double[] cover = new double[n];
        boolean[] leaf = new boolean[n];
        for (var e : nodes.entrySet()) {
            int id = e.getKey();
            JsonNode node = e.getValue();
            cover[id] = node.path("cover").asDouble();
            if (node.has("leaf")) {
                leaf[id] = true;
                value[id] = (float) node.get("leaf").asDouble();
            } else {
                feature[id] = Integer.parseInt(node.get("split").asText().substring(1)); // "f12" -> 12
                threshold[id] = (float) node.get("split_condition").asDouble();
                yes[id] = node.get("yes").asInt();
                no[id] = node.get("no").asInt();
                missing[id] = node.get("missing").asInt();
            }
        }
        expectation(0, leaf, yes, no, cover, value);
        return new Tree(feature, threshold, yes, no, missing, value, leaf);
    }

    private static void collect(JsonNode node, Map<Integer, JsonNode> nodes) {
        nodes.put(node.get("nodeid").asInt(), node);
        for (JsonNode child : node.path("children")) {
            collect(child, nodes);
        }
    }

    /** Fills internal nodes' values with the cover-weighted mean of their leaves; returns the node's cover. */
    private static double expectation(int id, boolean[] leaf, int[] yes, int[] no, double[] cover, double[] value) {
        if (leaf[id]) {
            return cover[id];
        }
        double cy = expectation(yes[id], leaf, yes, no, cover, value);
        double cn = expectation(no[id], leaf, yes, no, cover, value);
        double total = cy + cn;
        value[id] = total > 0 ? (cy * value[yes[id]] + cn * value[no[id]]) / total
                : (value[yes[id]] + value[no[id]]) / 2;
        return total;
    }

    float[] vector(Example<Label> example) {
        float[] x = new float[featureMap.size()];
        Arrays.fill(x, Float.NaN);
        for (Feature f : example) {
            int id = featureMap.getID(f.getName());
            if (id >= 0) {
                x[id] = (float) f.getValue();
            }
        }
        return x;
    }

    /** Log-odds of the positive class: positive-class margin minus the other class's margin. */
    double logOdds(float[] x) {
        double[] margin = new double[2];
        for (int t = 0; t < roots.length; t++) {
            int node = roots[t];
            while (nodes[4 * node] >= 0) {
                node = next(node, x);
            }
            margin[treeClass[t]] += value[node];
        }
        return margin[positive] - margin[1 - positive];
    }

    /** Saabas contributions per feature id, bias last; they sum to {@link #logOdds(float[])}. */
    double[] contributions(float[] x) {
        double[] c = new double[featureMap.size() + 1];
        int bias = c.length - 1;
        for (int t = 0; t < roots.length; t++) {
            double sign = treeClass[t] == positive ? 1 : -1;
            int node = roots[t];
            c[bias] += sign * value[node];
            int feature;
            while ((feature = nodes[4 * node]) >= 0) {
                int child = next(node, x);
                c[feature] += sign * (value[child] - value[node]);
                node = child;
            }
        }
        return c;
    }

    private int next(int node, float[] x) {
        float v = x[nodes[4 * node]];
        if (v != v) { // NaN: missing
            return nodes[4 * node + 3];
        }
        return v < threshold[node] ? nodes[4 * node + 1] : nodes[4 * node + 2];
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    int size() {
        return roots.length;
    }

    List<String> featureNames() {
        String[] names = new String[featureMap.size()];
        featureMap.forEach(info -> names[featureMap.getID(info.getName())] = info.getName());
        return new ArrayList<>(Arrays.asList(names));
    }
}
