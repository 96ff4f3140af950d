"""Stories: clustering items into evolving stories, and attributing rewrites to agency copy."""
