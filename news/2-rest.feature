API REST (plone.restapi) des deux types avec noms de champs stables ; une donnée invalide reçoit une réponse 400 dont le JSON nomme le champ (et la ligne de réponse), sans rien enregistrer. @imio
