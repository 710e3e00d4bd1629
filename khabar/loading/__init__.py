"""Content loaded in bulk, and the hand-offs it needs between domains.

``khabar import-articles`` writes agency stories into the newsroom and hands each batch to
reader search; ``khabar load-demo`` loads the demo newsroom and then the comments app's demo
discussion. Both calls are made here, in the open, because this layer may import the newsroom,
search and comments while none of them imports another for it.
"""
