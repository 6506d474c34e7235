"""Fuse the MiniLM export's attention and GELU subgraphs into single onnxruntime operators.

The shipped all-MiniLM-L6-v2 export spells each layer's self-attention out in ~25 small
nodes (reshapes and transposes into heads, two scaled products, the mask, a softmax with a
NaN guard, and back), and each GELU in five. onnxruntime does not recognise this
spelling, so a 15-token text runs ~260 kernels, most of them bookkeeping. :func:`fuse`
rewrites the float graph, before it is quantised, so that each attention block is one
``com.microsoft.MultiHeadAttention`` over the block's query, key and value projections
(the projections themselves are untouched, so they quantise as before) and each GELU one
``com.microsoft.Gelu`` (the exact, erf-based one). The same arithmetic up to float
rounding; :mod:`.embed` checks the fused graph against the unfused one before using it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from onnx import ModelProto, NodeProto

NUM_HEADS = 12  # all-MiniLM-L6-v2: 12 heads of 32 over a hidden size of 384
MASK = "storylens_key_padding_mask"


class FusionError(ValueError):
    """The graph is not spelled the way :func:`fuse` expects; it is left as it was."""


def fuse(model: ModelProto) -> tuple[int, int]:
    """Fuse attention blocks and GELUs of ``model`` in place; returns how many of each.

    Raises :class:`FusionError` (leaving ``model`` unchanged) when a block does not have
    the expected shape.
    """
    graph = _Graph(model)
    attention = [graph.attention(softmax) for softmax in graph.nodes_of("Softmax")]
    gelus = [graph.gelu(erf) for erf in graph.nodes_of("Erf")]
    if not attention and not gelus:
        return 0, 0
    from onnx import TensorProto, helper

    added: list[NodeProto] = []
    if attention:
        added.append(
            helper.make_node(
                "Cast", ["attention_mask"], [MASK], to=TensorProto.INT32, name="storylens_mask"
            )
        )
    for n, (q, k, v, output, replaced) in enumerate(attention):
        graph.drop(replaced)
        added.append(
            helper.make_node(
                "MultiHeadAttention",
                [q, k, v, "", MASK],
                [output],
                domain="com.microsoft",
                num_heads=NUM_HEADS,
                name=f"storylens_attention_{n}",
            )
        )
    for n, (x, output, replaced) in enumerate(gelus):
        graph.drop(replaced)
        added.append(
            helper.make_node(
                "Gelu", [x], [output], domain="com.microsoft", name=f"storylens_gelu_{n}"
            )
        )
    graph.finish(added)
    return len(attention), len(gelus)


class _Graph:
    """Look-ups over one ONNX graph, and the edit that replaces nodes."""

    def __init__(self, model: ModelProto) -> None:
        self.model = model
        self.graph = model.graph
        self.producer: dict[str, NodeProto] = {
            out: node for node in self.graph.node for out in node.output
        }
        self.consumers: dict[str, list[NodeProto]] = defaultdict(list)
        for node in self.graph.node:
            for name in node.input:
                self.consumers[name].append(node)
        self.initializers = {i.name for i in self.graph.initializer}
        self.dropped: list[NodeProto] = []

    def nodes_of(self, op_type: str) -> list[NodeProto]:
        return [n for n in self.graph.node if n.op_type == op_type and not n.domain]

    def _only(self, name: str, op_type: str) -> NodeProto:
        found = [n for n in self.consumers.get(name, []) if n.op_type == op_type]
        if len(found) != 1:
            raise FusionError(f"{name}: expected one {op_type} consumer, found {len(found)}")
        return found[0]

    def _made_by(self, name: str, *op_types: str) -> NodeProto:
        node = self.producer.get(name)
        if node is None or node.op_type not in op_types:
            raise FusionError(f"{name}: not made by {'/'.join(op_types)}")
        return node

    def projection(self, name: str) -> str:
        """Follow head reshapes, transposes and scalings back to a projection's output (the
        ``Add`` of a bias initializer)."""
        for _ in range(8):
            node = self._made_by(name, "Add", "Mul", "Transpose", "Reshape")
            if node.op_type == "Add" and any(i in self.initializers for i in node.input):
                return str(node.output[0])
            if node.op_type == "Add":
                raise FusionError(f"{name}: an Add without a bias before the heads")
            name = node.input[0]
        raise FusionError(f"{name}: no projection found within eight nodes")

    def attention(self, softmax: NodeProto) -> tuple[str, str, str, str, list[NodeProto]]:
        """Query, key and value projections, the block's output name, and its nodes (from
        the scores' product to the output reshape)."""
        masked = self._made_by(softmax.input[0], "Add")
        made = [self.producer.get(i) for i in masked.input]
        scores = next((n for n in made if n is not None and n.op_type == "MatMul"), None)
        if scores is None:
            raise FusionError(f"{softmax.name}: the softmax input is not masked scores")
        probabilities = softmax.output[0]
        guard = [n for n in self.consumers.get(probabilities, []) if n.op_type == "Where"]
        if guard:  # Where(IsNaN(p), 0, p): rows with every key masked
            probabilities = guard[0].output[0]
        context = self._only(probabilities, "MatMul")
        heads_back = self._only(context.output[0], "Transpose")
        merged = self._only(heads_back.output[0], "Reshape")
        q, k = self.projection(scores.input[0]), self.projection(scores.input[1])
        v = self.projection(context.input[1])
        return q, k, v, str(merged.output[0]), [merged]

    def gelu(self, erf: NodeProto) -> tuple[str, str, list[NodeProto]]:
        """``x * (0.5 * (erf(x / sqrt 2) + 1))``, in either order of the two products."""
        divide = self._made_by(erf.input[0], "Div")
        x = divide.input[0]
        plus_one = self._only(erf.output[0], "Add")
        half = self._only(plus_one.output[0], "Mul")
        times_x = self._only(half.output[0], "Mul")
        if x not in times_x.input:
            raise FusionError(f"{erf.name}: the GELU product does not take its input")
        return x, str(times_x.output[0]), [times_x]

    def drop(self, nodes: list[NodeProto]) -> None:
        self.dropped.extend(nodes)

    def finish(self, added: list[NodeProto]) -> None:
        """Replace the dropped nodes with ``added``, remove what no output needs any more,
        and put the nodes back in an order where each follows its inputs."""
        from onnx import helper

        gone = {id(n) for n in self.dropped}
        nodes = [n for n in self.graph.node if id(n) not in gone] + added
        outputs = {o.name for o in self.graph.output}
        while True:  # unused nodes: the heads bookkeeping, the old mask
            used = {i for n in nodes for i in n.input} | outputs
            kept = [n for n in nodes if any(o in used for o in n.output)]
            if len(kept) == len(nodes):
                break
            nodes = kept
        available = {i.name for i in self.graph.input} | self.initializers | {""}
        ordered: list[NodeProto] = []
        pending = nodes
        while pending:
            ready = [n for n in pending if all(i in available for i in n.input)]
            if not ready:
                raise FusionError("the rewritten graph has a cycle or a missing input")
            for node in ready:
                available.update(node.output)
            ordered.extend(ready)
            done = {id(n) for n in ready}
            pending = [n for n in pending if id(n) not in done]
        used = {i for n in ordered for i in n.input}
        for init in [i for i in self.graph.initializer if i.name not in used]:
            self.graph.initializer.remove(init)
        del self.graph.node[:]
        self.graph.node.extend(ordered)
        if not any(o.domain == "com.microsoft" for o in self.model.opset_import):
            self.model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
