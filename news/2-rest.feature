plone.restapi contract for both types with stable field names; bad input gets a 400 whose JSON names the field (and the answer row and column), and nothing is stored. @imio
