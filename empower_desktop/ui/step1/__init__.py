"""Step 1's sections: goals, skills, strengths/weaknesses/interests, satisfaction, vision."""
