"""``python -m spatial.synthetic``: write a synthetic registry (see spatial.synthetic.generate)."""
from spatial.synthetic.generate import main

main()
