"""Step 2's sections: the skills gap, the learning plan, sessions, progress, what was learned."""
